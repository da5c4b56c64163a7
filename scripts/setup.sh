#!/usr/bin/env bash
# From a fresh clone: install, build, package the VSIX and run the CLI on the demo project.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
npm run package
echo
echo "== django-lens project test-fixtures/mysite"
node dist/cli.js project test-fixtures/mysite
for cmd in urls check migrations; do
  if node dist/cli.js --help | grep -q "^  $cmd "; then
    echo; echo "== django-lens $cmd test-fixtures/mysite"
    node dist/cli.js "$cmd" test-fixtures/mysite || true
  fi
done
echo
ls -la django-lens.vsix
