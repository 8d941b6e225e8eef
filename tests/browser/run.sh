#!/usr/bin/env bash
# Browser quality gates: installs what is missing (Chromium, Java, the npm packages), then runs
# run.mjs (the gates) and journeys.mjs (click-only journeys) against target/debug/inspraak, which
# must be built already (cargo build --bin inspraak).
# Exit code: 0 all gates and journeys pass, 1 a violation or a failed step, 2 they could not run.
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
# The gates (run.mjs) and the click-only journeys (journeys.mjs) each start their own app.
# GATES_ONLY=pages|flows runs part of the gates only; GATES_ONLY=journeys the journeys only.
status=0
if [ "${GATES_ONLY:-}" != journeys ]; then
  node run.mjs || status=$?
  # The page gates again in a second house style (other names and colours): contrast, layout and
  # validity must hold in any theme an organisation configures that passes the start-up check.
  if [ -z "${GATES_ONLY:-}" ]; then
    code=0
    GATES_ONLY=pages GATES_THEME=theme-second.env GATES_RESULTS=off node run.mjs || code=$?
    if [ "$code" -gt "$status" ]; then status=$code; fi
  fi
fi
if [ -z "${GATES_ONLY:-}" ] || [ "${GATES_ONLY}" = journeys ]; then
  code=0
  node journeys.mjs || code=$?
  if [ "$code" -gt "$status" ]; then status=$code; fi
fi
exit "$status"
