#!/usr/bin/env bash
# Every check FlowForge has, in order: lint, types, unit tests, build + VSIX, end-to-end in a real VS Code.
# Prints each phase's time and a closing "N passed, N failed, N skipped" line summed over all suites.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p artifacts
passed=0; failed=0; skipped=0; status=0
phase() { # name, command...
  local name=$1; shift
  local start=$SECONDS
  echo "::: $name"
  "$@"; local rc=$?
  echo "::: $name took $((SECONDS - start)) s (exit $rc)"
  return $rc
}
count_mocha() { # log file: add mocha's passing/failing/pending counts
  local p f s
  p=$(grep -Eo '^\s*[0-9]+ passing' "$1" | tail -1 | grep -Eo '[0-9]+' || true)
  f=$(grep -Eo '^\s*[0-9]+ failing' "$1" | tail -1 | grep -Eo '[0-9]+' || true)
  s=$(grep -Eo '^\s*[0-9]+ pending' "$1" | tail -1 | grep -Eo '[0-9]+' || true)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
}

phase lint npx eslint . || { status=1; failed=$((failed + 1)); }
# l10n/bundle.l10n.json must list every vscode.l10n.t string (regenerate with: npm run l10n).
phase l10n bash -c 'npx vscode-l10n-dev export -o artifacts/l10n ./src >/dev/null && diff -q artifacts/l10n/bundle.l10n.json l10n/bundle.l10n.json' || { echo "l10n/bundle.l10n.json is out of date: run npm run l10n"; status=1; failed=$((failed + 1)); }
# One tsc pass both type-checks and emits out/ for the unit tests (npm run typecheck = the same checks without emitting).
phase typecheck bash -c 'npm run -s compile && npx tsc -p src/webview-ui/tsconfig.json --noEmit' || { status=1; failed=$((failed + 1)); }
phase unit bash -c 'npx mocha --reporter spec 2>&1 | tee artifacts/unit.log; exit ${PIPESTATUS[0]}' || status=1
count_mocha artifacts/unit.log
if ! grep -Eq '^\s*[0-9]+ passing' artifacts/unit.log; then failed=$((failed + 1)); status=1; fi
# The e2e scripts' own logic (child env, npm log tails, cache dir, lock): plain .mjs, no build.
phase scripts bash -c 'npx mocha --no-config --reporter spec --timeout 30000 "test/scripts/**/*.test.mjs" 2>&1 | tee artifacts/scripts.log; exit ${PIPESTATUS[0]}' || status=1
count_mocha artifacts/scripts.log
if ! grep -Eq '^\s*[0-9]+ passing' artifacts/scripts.log; then failed=$((failed + 1)); status=1; fi
phase package npm run -s package || { status=1; failed=$((failed + 1)); }
if [ "${SKIP_E2E:-0}" != "1" ]; then
  rm -f artifacts/e2e/summary.json
  phase e2e env SKIP_PACKAGE=1 npm run -s test:e2e || status=1
  if [ -f artifacts/e2e/summary.json ]; then
    read -r p f s < <(node -e 'const s=require("./artifacts/e2e/summary.json");console.log(s.passed|0,s.failed|0,s.skipped|0)')
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  else
    echo "e2e wrote no summary"; failed=$((failed + 1)); status=1
  fi
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
