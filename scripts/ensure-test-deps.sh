#!/usr/bin/env bash
# Install what the browser tests need from Debian's packages: chromium, driven
# by Playwright's Python package through executable_path (Playwright never
# downloads a browser here).  PostgreSQL tests start their own throw-away
# server from the machine's PostgreSQL binaries (tests/store/conftest.py).
# Without root or apt the browser tests skip and say why.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "installing chromium from Debian packages for the browser tests..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
else
  echo "chromium not found and cannot install it (not root or no apt-get): browser tests will be skipped"
fi
