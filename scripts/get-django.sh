#!/usr/bin/env bash
# Fetches Debian's pure-Python Django packages (5.2 from sid, 4.2 from trixie) into .cache/django,
# without touching the machine's apt configuration. Idempotent: a finished cache is left alone.
# Prints nothing but a summary; exit 0 when both versions are usable.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="${DJANGO_LENS_CACHE:-$ROOT/.cache/django}"
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg

fetch_suite() { # suite dest packages...
  local suite="$1" dest="$2"; shift 2
  if [ -f "$dest/.done" ]; then return 0; fi
  local work="$CACHE/apt-$suite"
  mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/debs" "$dest"
  echo "deb [signed-by=$KEYRING] http://deb.debian.org/debian $suite main" > "$work/sources.list"
  local opts=(-o "Dir::Etc::sourcelist=$work/sources.list" -o "Dir::Etc::sourceparts=-"
    -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o "Debug::NoLocking=1"
    -o "APT::Sandbox::User=root")
  apt-get "${opts[@]}" -qq update >/dev/null
  (cd "$work/debs" && apt-get "${opts[@]}" -qq download "$@" >/dev/null)
  for deb in "$work/debs"/*.deb; do dpkg -x "$deb" "$dest"; done
  touch "$dest/.done"
}

fetch_suite sid "$CACHE/5.2" python3-django python3-djangorestframework python3-asgiref python3-sqlparse
fetch_suite trixie "$CACHE/4.2" python3-django python3-djangorestframework python3-asgiref python3-sqlparse

for v in 5.2 4.2; do
  sp="$CACHE/$v/usr/lib/python3/dist-packages"
  got=$(PYTHONPATH="$sp" /usr/bin/python3 -c 'import django, rest_framework; print(django.get_version())')
  echo "django $v: $got at $sp"
done
