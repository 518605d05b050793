#!/usr/bin/env bash
# The test command: sets up Node 24 and dependencies, runs vitest (all tiers, or the one named:
# unit|int|e2e) with the JSON reporter, and ends with one plain line `N passed, N failed`.
# The int and e2e tiers start the local infrastructure themselves (test/global-setup.ts).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$here/setup.sh" || exit 1
PATH="$(bash "$here/lib/ensure-node.sh"):$PATH"
export PATH
cd "$here/.."
mkdir -p reports
report="reports/vitest.json"
rm -f "$report"
projects=()
# The e2e tier drives a real browser (Debian's chromium through playwright-core).
if [ $# -eq 0 ] || [ "$1" = e2e ]; then bash "$here/setup-browser.sh" || exit 1; fi
[ $# -gt 0 ] && projects=(--project "$1") && shift
node node_modules/vitest/vitest.mjs run "${projects[@]}" --reporter=default --reporter=json --outputFile.json="$report" "$@"
status=$?
node scripts/summarize-report.ts "$report" || status=1
exit $status
