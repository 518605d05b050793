#!/usr/bin/env bash
# Fuzzes the api and the ingestor with schemathesis (PyPI) against a running embedded default, with valid
# credentials: no 5xx, every status code documented, every response matching its documented schema.
# schemathesis lives in a venv under ~/.cache/medido/venv (created on first use).
#   scripts/fuzz.sh [--max-examples 25] [--seed 1] [--report-dir dir]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SCHEMATHESIS_VERSION="4.32.5"
venv="${MEDIDO_CACHE:-$HOME/.cache/medido}/venv"
if [[ ! -x "$venv/bin/schemathesis" ]] || [[ "$("$venv/bin/schemathesis" --version 2>/dev/null)" != *"$SCHEMATHESIS_VERSION"* ]]; then
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
export MEDIDO_SCHEMATHESIS="$venv/bin/schemathesis"
exec bash "$here/run.sh" test/fuzz/fuzz-run.ts "$@"
