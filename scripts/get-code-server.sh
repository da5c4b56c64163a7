#!/usr/bin/env bash
# Installs a real VS Code for end-to-end tests: code-server@4.100.3 (VS Code 1.100.3, Node 20) from
# the npm registry into .cache/code-server (git-ignored, outside the extension's node_modules), plus
# the Debian packages it needs to build and that the driver uses (chromium). See shared E2E.md.
# Idempotent: exits at once when code-server is installed and answers --version.
# Env: DJANGO_LENS_CODE_SERVER_DIR overrides the install folder.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VERSION=4.100.3
DEST="${DJANGO_LENS_CODE_SERVER_DIR:-$ROOT/.cache/code-server}"
BIN="$DEST/node_modules/.bin/code-server"
# @vscode/ripgrep's cache folder name carries its own package version, pinned by code-server.
RG_PKG_VERSION=1.15.11
RG_ARCHIVE=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
APT_PKGS=(build-essential python3 pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev
  ripgrep chromium)

have_debs() {
  local p
  for p in "${APT_PKGS[@]}"; do
    dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed' || return 1
  done
}

works() {
  [ -x "$BIN" ] && [ -x /usr/bin/chromium ] && [ -x /usr/bin/rg ] &&
    "$BIN" --version 2>/dev/null | grep -q "^$VERSION "
}

if [ -f "$DEST/.done" ] && works; then
  echo "code-server $VERSION: already installed at $DEST"
  exit 0
fi

start=$(date +%s)
if ! have_debs; then
  echo "get-code-server: apt-get install ${APT_PKGS[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${APT_PKGS[@]}" >/dev/null
fi

mkdir -p "$DEST"
# Its own TMPDIR, so the ripgrep cache below is the one the install sees.
export TMPDIR="$DEST/tmp"
RG_CACHE="$TMPDIR/vscode-ripgrep-cache-$RG_PKG_VERSION"
mkdir -p "$RG_CACHE"
if [ ! -s "$RG_CACHE/$RG_ARCHIVE" ]; then
  stage="$(mktemp -d)"
  cp /usr/bin/rg "$stage/rg"
  tar -C "$stage" -czf "$RG_CACHE/$RG_ARCHIVE" rg
  rm -rf "$stage"
fi
[ -f "$DEST/package.json" ] || echo '{ "name": "code-server-cache", "private": true }' > "$DEST/package.json"

echo "get-code-server: npm install code-server@$VERSION into $DEST (compiles native modules, ~1.5 min)"
log="$DEST/install.log"
if ! npm_config_unsafe_perm=true npm_config_yes=true npm_config_nodedir=/usr \
  npm install --prefix "$DEST" --no-audit --no-fund --no-save "code-server@$VERSION" >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  echo "get-code-server: npm install failed (full log: $log)" >&2
  exit 1
fi

if ! works; then
  echo "get-code-server: installed, but '$BIN --version' does not report $VERSION" >&2
  "$BIN" --version >&2 || true
  exit 1
fi
touch "$DEST/.done"
echo "code-server $("$BIN" --version | head -n1) installed at $DEST in $(( $(date +%s) - start ))s"
