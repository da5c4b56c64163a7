#!/usr/bin/env bash
# Runs every test: fetches the real Django for the conformance suites and code-server for the
# end-to-end suite (both cached under .cache/), type-checks, builds, runs mocha, then the E2E
# suite inside a real VS Code. Prints one closing line: "tests: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
status=0

step() { echo; echo "== $*"; }

step "real Django for the conformance tests"
bash scripts/get-django.sh || { echo "cannot fetch Django"; status=1; }

step "package the VSIX (tested below), then the development build the tests use"
npm run package >/dev/null || { echo "packaging failed"; status=1; }
npx tsc -p . --noEmit || status=1
node esbuild.mjs || { echo "build failed"; exit 1; }

step "mocha: unit, protocol, conformance, grammar, architecture"
suites=()
for dir in unit protocol conformance grammar architecture; do
  if compgen -G "test/$dir/*.test.ts" >/dev/null; then suites+=("test/$dir/*.test.ts"); fi
done
mocha_log=$(mktemp)
npx mocha --reporter ./test/summaryReporter.js "${suites[@]}" 2>&1 | tee "$mocha_log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

e2e_log=$(mktemp)
if [ "${DJANGO_LENS_SKIP_E2E:-}" = "1" ]; then
  step "e2e skipped (DJANGO_LENS_SKIP_E2E=1)"
else
  step "e2e: the extension inside a real VS Code (code-server)"
  bash scripts/e2e.sh 2>&1 | tee "$e2e_log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
fi

# Sum the closing lines of each runner.
# The last closing line of each runner counts (e2e.sh repeats the suite's).
read -r passed failed skipped < <(cat "$mocha_log" "$e2e_log" | awk '
  /^(mocha|e2e): [0-9]+ passed, [0-9]+ failed/ { k = $1; p[k] = $2; f[k] = $4; s[k] = $6 }
  END { for (k in p) { tp += p[k]; tf += f[k]; ts += s[k] } print tp+0, tf+0, ts+0 }')
rm -f "$mocha_log" "$e2e_log"
echo
echo "finished in $(( $(date +%s) - started ))s"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
