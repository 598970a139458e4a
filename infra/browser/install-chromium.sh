#!/usr/bin/env bash
# Installs what the tracking page's browser tests need, idempotently (safe to run on every CI build):
#   - Debian's headless-capable `chromium` package (/usr/bin/chromium), via apt-get when missing;
#   - axe-core and puppeteer-core into infra/browser/node_modules (npm ci, from package-lock.json), when missing
#     or stale. puppeteer-core downloads no browser: it drives the system Chromium.
# .ci/run calls it before `mvn -B verify`; developers run it once. Needs root (or sudo) only for apt-get.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium fonts-dejavu-core)
# Debian's nodejs (18 on bookworm) is enough for puppeteer-core 24.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
if [ "${#packages[@]}" -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  echo "install-chromium: apt-get install ${packages[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi
chromium --version 2>/dev/null

# npm ci again only when package-lock.json changed since the last install.
stamp="$here/node_modules/.installed-lock"
if [ ! -f "$stamp" ] || ! cmp -s "$here/package-lock.json" "$stamp"; then
  echo "install-chromium: npm ci in $here"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$here/package-lock.json" "$stamp"
fi
node -e "require('$here/node_modules/axe-core/package.json'); console.log('axe-core', require('$here/node_modules/axe-core/package.json').version)"
