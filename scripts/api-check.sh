#!/usr/bin/env bash
# The open-data API against its own OpenAPI document, with tools that are not ours: the served
# document is validated by openapi-spec-validator, then schemathesis generates requests from it
# (property-based) against `inspraak serve --demo` and checks every answer (no 5xx, documented
# status and media type, body fits the schema). Needs target/debug/inspraak (or INSPRAAK_BIN).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
bin="${INSPRAAK_BIN:-$repo/target/debug/inspraak}"
work="$(mktemp -d)"
venv="${INSPRAAK_API_CHECK_VENV:-$repo/target/api-check-venv}"

if [ ! -x "$venv/bin/schemathesis" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q 'schemathesis==4.32.5' 'openapi-spec-validator==0.9.0'
fi

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
INSPRAAK_DATA_DIR="$work" INSPRAAK_LISTEN="127.0.0.1:$port" "$bin" serve --demo >"$work/serve.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
  curl -fsS "$base/readyz" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "$base/api/v1/openapi.json" >"$work/openapi.json"

"$venv/bin/python" - "$work/openapi.json" <<'PY'
import json, sys
from openapi_spec_validator import validate
validate(json.load(open(sys.argv[1])))
print("openapi-spec-validator: the served document is valid")
PY

"$venv/bin/schemathesis" run "$work/openapi.json" --url "$base" \
  --checks all --max-examples 60 --seed "${INSPRAAK_API_CHECK_SEED:-$RANDOM}" \
  --suppress-health-check all
# actix logs a malformed request (schemathesis sends some) as an ERROR of its parser: the
# client's fault, not ours. Anything else at ERROR, or a panic, fails the check.
if grep -E "panicked|ERROR" "$work/serve.log" | grep -v "request parse error"; then
  echo "the server logged errors during the API check" >&2
  exit 1
fi
