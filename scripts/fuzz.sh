#!/usr/bin/env bash
# Fuzzes the api and the ingestor with schemathesis (PyPI) against a running embedded default, with valid
# credentials: no 5xx, every status code documented, every response matching its documented schema.
# schemathesis lives in a venv under ~/.cache/medido/venv-<python version> (created on first use).
#   scripts/fuzz.sh [--max-examples 25] [--seed 1] [--report-dir dir]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SCHEMATHESIS_VERSION="4.32.5"
# The newest Python at hand. Why not simply python3: this machine's CPython 3.11.7 now and then fails inside
# ast.parse ("SystemError: AST constructor recursion depth mismatch"), which schemathesis reports as a runtime
# error of its coverage phase (1 run in 3 on 2026-12-03); with 3.13 it ran clean 3 times in 3. A pyenv shim
# of a version that is installed but not selected fails to run and is skipped.
python=""
for candidate in python3.13 python3.12 "$HOME"/.pyenv/versions/3.13*/bin/python3 "$HOME"/.pyenv/versions/3.12*/bin/python3 python3; do
  if "$candidate" -c 'import sys' >/dev/null 2>&1; then
    python="$candidate"
    break
  fi
done
[[ -n "$python" ]] || { echo "fuzz: no python3 found" >&2; exit 1; }
venv="${MEDIDO_CACHE:-$HOME/.cache/medido}/venv-$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
if [[ ! -x "$venv/bin/schemathesis" ]] || [[ "$("$venv/bin/schemathesis" --version 2>/dev/null)" != *"$SCHEMATHESIS_VERSION"* ]]; then
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
export MEDIDO_SCHEMATHESIS="$venv/bin/schemathesis"
exec bash "$here/run.sh" test/fuzz/fuzz-run.ts "$@"
