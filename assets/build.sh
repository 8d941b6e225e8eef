#!/usr/bin/env bash
# Regenerates assets/utrecht.css from the npm registry: the versions pinned in package-lock.json,
# installed without running their scripts. Needs Node 20+. Commit the changed utrecht.css.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
node build.mjs
