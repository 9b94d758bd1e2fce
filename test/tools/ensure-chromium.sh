#!/usr/bin/env bash
# Installs Debian's headless Chromium (and a monospace font) for the documentation page test, when
# missing. Needs root and apt-get (CI, Debian or Ubuntu machines); elsewhere it says what to do.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -x "${CHROMIUM_PATH:-/nonexistent}" ]; then
  echo "chromium: $(command -v chromium || echo "$CHROMIUM_PATH")"
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  echo "chromium: installed $(chromium --version)"
else
  echo "chromium is missing: install Debian's 'chromium' package (or set CHROMIUM_PATH to a Chromium binary); the browser test of the documentation page skips without it." >&2
fi
