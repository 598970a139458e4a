#!/usr/bin/env bash
# The project's Python tools, in a project-local virtualenv (.venv, ignored by git): aws-sam-cli and cfn-lint
# for the template, moto's server for SES and SNS in tests and in ./tracker local, schemathesis for the API's
# contract fuzzing (infra/build/api-fuzz.sh), standardwebhooks to check webhook signatures independently.
# Idempotent.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$root/.venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import moto, samcli, cfnlint, flask" 2>/dev/null; then
  "$venv/bin/pip" install --quiet --disable-pip-version-check "aws-sam-cli" "cfn-lint" "moto[server]"
fi
schemathesis_version=4.32.5   # api-fuzz.sh's flags and hooks are written for schemathesis 4
if [ "$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("schemathesis"))' 2>/dev/null)" \
    != "$schemathesis_version" ]; then
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$schemathesis_version"
fi
standardwebhooks_version=1.1.0   # the independent signature check of WebhooksEndToEndIT (docs/webhooks.md)
if [ "$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("standardwebhooks"))' 2>/dev/null)" \
    != "$standardwebhooks_version" ]; then
  "$venv/bin/pip" install --quiet --disable-pip-version-check "standardwebhooks==$standardwebhooks_version"
fi
"$venv/bin/sam" --version
