#!/usr/bin/env bash
# The project's Python tools, in a project-local virtualenv (.venv, ignored by git): aws-sam-cli and cfn-lint
# for the template, moto's server for SES and SNS in tests and in ./tracker local. Idempotent.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$root/.venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import moto, samcli, cfnlint, flask" 2>/dev/null; then
  "$venv/bin/pip" install --quiet --disable-pip-version-check "aws-sam-cli" "cfn-lint" "moto[server]"
fi
"$venv/bin/sam" --version
