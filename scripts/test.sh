#!/usr/bin/env bash
# The test command: sets up Node 24 and dependencies, runs the quality gates (type-check, lint with Nx
# module boundaries, formatting) as steps of their own, then vitest (all tiers, or the one named: unit|int|e2e; or
# only the gates: quality) with the JSON reporter, and ends with one plain line `N passed, N failed` in
# which each gate counts as one check.
# The int and e2e tiers start the local infrastructure themselves (test/global-setup.ts).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$here/setup.sh" || exit 1
source "$here/lib/common.sh"
use_node_at_root
mkdir -p reports
report="reports/vitest.json"
rm -f "$report"
tier="${1:-}"
gates=()

# A gate's whole output is shown only when it fails; its verdict joins the closing line.
run_gate() {
  local name="$1"; shift
  local log="reports/$name.log"
  echo "[medido] $name: $*" >&2
  if "$@" >"$log" 2>&1; then gates+=("--gate" "$name=passed"); echo "[medido] $name passed" >&2
  else gates+=("--gate" "$name=failed"); echo "[medido] $name FAILED:" >&2; cat "$log" >&2; fi
}
if [ -z "$tier" ] || [ "$tier" = quality ]; then
  run_gate typecheck node node_modules/typescript/bin/tsc -p tsconfig.json --noEmit
  # The boundary rule reads Nx's project graph; computing it first makes the rule run, not skip.
  run_gate lint bash -c 'node node_modules/nx/dist/bin/nx.js show projects >/dev/null && node node_modules/eslint/bin/eslint.js .'
  # One layout for every source file (.prettierrc.json); `npm run format` rewrites, this only checks.
  run_gate format node node_modules/prettier/bin/prettier.cjs --check --log-level warn '**/*.{ts,mts,mjs,cjs,js}'
fi
if [ "$tier" = quality ]; then
  node scripts/summarize-report.ts --gates-only "${gates[@]}"
  exit $?
fi

projects=()
# The e2e tier drives a real browser (Debian's chromium through playwright-core).
if [ -z "$tier" ] || [ "$tier" = e2e ]; then bash "$here/setup-browser.sh" || exit 1; fi
# A tier and its own sub-projects (int also selects int-bounds).
[ -n "$tier" ] && projects=(--project "$tier" --project "$tier-*") && shift
node node_modules/vitest/vitest.mjs run "${projects[@]}" --reporter=default --reporter=json --outputFile.json="$report" "$@"
status=$?
node scripts/summarize-report.ts "$report" "${gates[@]}" || status=1
exit $status
