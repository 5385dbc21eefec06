#!/usr/bin/env bash
# Debian packages Ý Kiến uses at run time and in tests, installed when missing and possible
# (root or sudo, apt-get available). Each is optional for the demo: the feature that needs a
# missing package says so on its page instead of failing.
#   postgresql-client  pg_dump / pg_restore for `ykien backup` on PostgreSQL
#   libpango…, fonts   WeasyPrint (PDF documents) with fonts that cover Vietnamese
#   espeak-ng, opus-tools  the "listen" audio of articles and drafts (Opus; WAV without opusenc)
#   chromium(-driver)  browser tests (tests/e2e), only with --e2e
#   gettext            `make messages` and the test that the English catalogue is current, with --e2e
#   nodejs, npm        `npm ci` of the front-end libraries (package.json), when npm is missing; --node
#                      installs only these
#   haproxy, wrk       the load balancer and the load generator of bench/national.py, only with --bench
set -u
want=(postgresql-client libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation2 fonts-dejavu-core espeak-ng opus-tools)
case "${1:-}" in
  --e2e) want+=(chromium chromium-driver gettext) ;;
  --bench) want+=(haproxy wrk) ;;
  --venv) want=(python3-venv python3-pip) ;;
  --node) want=() ;;
esac
if [ "${1:-}" != "--venv" ] && ! command -v npm >/dev/null 2>&1; then want+=(nodejs npm); fi
missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: apt-get not found; please install: ${missing[*]}" >&2; exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "system-deps: not root; please install: ${missing[*]}" >&2; exit 0; fi
fi
echo "system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null 2>&1 || true
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
  || echo "system-deps: could not install all of: ${missing[*]} (the features that need them are disabled)" >&2
exit 0
