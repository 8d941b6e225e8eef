#!/usr/bin/env bash
# Browser quality gates: installs what is missing (Chromium, Java, the npm packages), then runs
# run.mjs against target/debug/inspraak, which must be built already (cargo build --bin inspraak).
# Exit code: 0 all gates pass, 1 a violation, 2 the gates could not run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v java >/dev/null || missing+=(default-jre-headless)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "browser gates: installing ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# playwright-core drives the system Chromium: no browser download. vnu-jar's install script
# (which would fetch a Java runtime) is not run; the machine's Java runs vnu.jar.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
cd "$here"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi

if [ ! -x "${INSPRAAK_BIN:-$repo/target/debug/inspraak}" ]; then
  echo "browser gates: no binary; run 'cargo build --bin inspraak' first (or set INSPRAAK_BIN)" >&2
  exit 2
fi
exec node run.mjs
