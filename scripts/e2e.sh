#!/usr/bin/env bash
# End-to-end tests in a real VS Code: installs code-server (scripts/get-code-server.sh, cached in
# .cache/code-server), then runs test/e2e/suite inside its extension host against a copy of
# test-fixtures/mysite (tests may write files), with this repo as the extension under development.
# Env: E2E_WORKSPACE_SRC (fixture folder), E2E_EXTENSION (extension folder, default the repo),
#      E2E_TIMEOUT_MS, E2E_SCREENSHOT (default .cache/e2e/last-run.png), DJANGO_LENS_E2E_GREP.
# Extra arguments go to test/e2e/runInCodeServer.mjs (e.g. --untrusted, --verbose).
# Exit code: the suite's. The last line is the summary: "e2e: N passed, N failed, N skipped".
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SRC="${E2E_WORKSPACE_SRC:-$ROOT/test-fixtures/mysite}"
EXT="${E2E_EXTENSION:-$ROOT}"
SHOT="${E2E_SCREENSHOT:-$ROOT/.cache/e2e/last-run.png}"

bash "$ROOT/scripts/get-code-server.sh" || { echo "e2e: FAILED: code-server could not be installed"; exit 3; }

if [ ! -d "$SRC" ]; then
  echo "e2e: FAILED: fixture folder $SRC does not exist"
  exit 2
fi
if [ ! -f "$EXT/dist/extension.js" ]; then
  echo "e2e: note: $EXT/dist/extension.js is missing (run 'npm run build'): the activation test will be skipped"
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/dl-e2e-XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
cp -R "$SRC" "$WORK/$(basename "$SRC")"
WS="$WORK/$(basename "$SRC")"
LOG="$WORK/run.log"

start=$(date +%s)
node "$ROOT/test/e2e/runInCodeServer.mjs" \
  --workspace "$WS" \
  --extension "$EXT" \
  --tests "$ROOT/test/e2e/suite/index.js" \
  --timeout-ms "${E2E_TIMEOUT_MS:-300000}" \
  --screenshot "$SHOT" \
  "$@" 2>&1 | tee "$LOG"
rc=${PIPESTATUS[0]}
secs=$(( $(date +%s) - start ))

summary="$(grep -E '^e2e: [0-9]+ passed, [0-9]+ failed' "$LOG" | tail -n 1)"
echo
if [ -n "$summary" ]; then
  echo "e2e (code-server, VS Code 1.100.3, ${secs}s, exit $rc)"
  echo "$summary"
else
  case "$rc" in
    124) why="timed out" ;;
    2) why="bad arguments" ;;
    3) why="code-server or chromium did not start" ;;
    *) why="the suite did not report (crashed at load?)" ;;
  esac
  echo "e2e: FAILED after ${secs}s: $why (exit $rc); screenshot: $SHOT"
  [ "$rc" -eq 0 ] && rc=1
fi
exit "$rc"
