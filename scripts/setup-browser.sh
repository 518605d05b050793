#!/usr/bin/env bash
# Installs the browser the e2e tests drive through playwright-core: Debian's chromium package at
# /usr/bin/chromium (playwright-core downloads no browser). Idempotent: does nothing when it is there.
# Needs root or passwordless sudo on Debian/Ubuntu; elsewhere install Chromium by hand and set
# MEDIDO_CHROMIUM to its path.
set -euo pipefail
browser="${MEDIDO_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$browser" ]; then
  echo "[medido] browser ready: $("$browser" --version 2>/dev/null || echo "$browser")" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "[medido] no $browser and no apt-get: install Chromium and set MEDIDO_CHROMIUM" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
echo "[medido] browser ready: $(/usr/bin/chromium --version)" >&2
