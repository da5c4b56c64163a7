#!/usr/bin/env bash
# End-to-end tests in a real VS Code: installs code-server (scripts/get-code-server.sh, cached in
# .cache/code-server), then runs test/e2e/suite inside its extension host against a copy of
# test-fixtures/mysite (tests may write files), with this repo as the extension under development.
# Env: E2E_WORKSPACE_SRC (fixture folder), E2E_EXTENSION (extension folder, default the repo),
#      E2E_TIMEOUT_MS, E2E_SCREENSHOT (default .cache/e2e/last-run.png), DJANGO_LENS_E2E_GREP.
# Phases, each on a fresh copy of the fixture prepared by test/e2e/prepareWorkspace.mjs (SQLite
# settings and the real Django for manage.py): "trusted" (the whole in-host suite), "untrusted"
# (--untrusted, the Restricted Mode tests), "ui" (test/e2e/ui/sidebar.ui.mjs drives the workbench
# with playwright and takes the README screenshots; E2E_SKIP_UI=1 skips it).
# Extra arguments go to test/e2e/runInCodeServer.mjs (e.g. --untrusted, --verbose) and run one
# in-host phase with them instead. Exit code: non-zero when a phase failed. The last line sums the
# phases: "e2e: N passed, N failed, N skipped".
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

DJANGO_SP="$ROOT/.cache/django/5.2/usr/lib/python3/dist-packages"
if [ ! -d "$DJANGO_SP/django" ]; then
  bash "$ROOT/scripts/get-django.sh" >/dev/null 2>&1 || echo "e2e: note: no real Django in $DJANGO_SP: the manage.py tests will be skipped"
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/dl-e2e-XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
start=$(date +%s)
total_p=0; total_f=0; total_s=0; rc=0; failed_phase=""

# A fresh copy of the fixture per phase (tests write files), made runnable by the real Django.
fresh_copy() { # name
  local ws="$WORK/$1/$(basename "$SRC")"
  mkdir -p "$WORK/$1"
  cp -R "$SRC" "$ws"
  [ -d "$DJANGO_SP/django" ] && node "$ROOT/test/e2e/prepareWorkspace.mjs" "$ws" "$DJANGO_SP" >/dev/null
  echo "$ws"
}

# Adds a phase's "e2e: N passed, N failed, N skipped" line to the totals.
count() { # phase log rc
  local line; line="$(grep -E '^e2e: [0-9]+ passed, [0-9]+ failed' "$2" | tail -n 1)"
  if [ -z "$line" ]; then
    echo "e2e: phase $1 did not report (exit $3)"; total_f=$((total_f + 1)); failed_phase="$failed_phase $1"; return
  fi
  read -r p f s < <(echo "$line" | awk '{print $2, $4, $6}')
  total_p=$((total_p + p)); total_f=$((total_f + f)); total_s=$((total_s + s))
  [ "$3" -ne 0 ] && failed_phase="$failed_phase $1"
}

in_host() { # phase [runner args...]
  local phase="$1"; shift
  local ws; ws="$(fresh_copy "$phase")"
  local log="$WORK/$phase.log"
  echo "== e2e $phase: mocha suite in the extension host"
  node "$ROOT/test/e2e/runInCodeServer.mjs" \
    --workspace "$ws" \
    --extension "$EXT" \
    --tests "$ROOT/test/e2e/suite/index.js" \
    --timeout-ms "${E2E_TIMEOUT_MS:-300000}" \
    --screenshot "${SHOT%.png}-$phase.png" \
    "$@" 2>&1 | tee "$log"
  local r=${PIPESTATUS[0]}
  count "$phase" "$log" "$r"
  [ "$r" -ne 0 ] && rc=$r
}

if [ "$#" -gt 0 ]; then
  # Explicit runner arguments (e.g. --untrusted, --verbose): one in-host phase with them.
  in_host custom "$@"
else
  in_host trusted
  # Restricted Mode: the same suite, only its trust tests (the others need to run manage.py).
  DJANGO_LENS_E2E_GREP="${DJANGO_LENS_E2E_GREP:-activation|trust}" in_host untrusted --untrusted
  if [ "${E2E_SKIP_UI:-}" != "1" ]; then
    ws="$(fresh_copy ui)"
    echo "== e2e ui: the workbench driven by playwright"
    node "$ROOT/test/e2e/ui/sidebar.ui.mjs" --workspace "$ws" --extension "$EXT" 2>&1 | tee "$WORK/ui.log"
    r=${PIPESTATUS[0]}
    count ui "$WORK/ui.log" "$r"
    [ "$r" -ne 0 ] && rc=$r
  fi
fi
secs=$(( $(date +%s) - start ))

echo
echo "e2e (code-server, VS Code 1.100.3, ${secs}s, exit $rc${failed_phase:+, failed:$failed_phase})"
[ "$rc" -eq 0 ] && [ "$total_f" -gt 0 ] && rc=1
echo "e2e: $total_p passed, $total_f failed, $total_s skipped"
exit "$rc"
