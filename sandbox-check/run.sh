#!/usr/bin/env bash
# Starts the built WAR as a Sinch sandbox alone (SMS_SANDBOX_ONLY=true) on a free loopback port,
# runs Sinch's own Node.js SDK against it (check.js), and stops the server.
# Run from anywhere after `mvn verify` (or `mvn package`): it needs sms-web/target/sms-web.war
# and sms-web/target/payara-micro.jar. Exits non-zero when a check fails.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
war="$root/sms-web/target/sms-web.war"
micro="$root/sms-web/target/payara-micro.jar"
preboot="$root/sms-web/src/main/payara/loopback-only.asadmin"
for f in "$war" "$micro" "$preboot"; do
  [ -f "$f" ] || { echo "missing $f: build first (mvn -B package -DskipTests)" >&2; exit 2; }
done

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
work="$(mktemp -d "${TMPDIR:-/tmp}/sandbox-check.XXXXXX")"
log="$work/payara.log"
plan="node-check-plan"
token="node-check-token"

cleanup() {
  if [ -n "${server:-}" ] && kill -0 "$server" 2>/dev/null; then
    kill "$server" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$server" 2>/dev/null || break; sleep 1; done
    kill -9 "$server" 2>/dev/null || true
  fi
}
trap cleanup EXIT

echo "Starting the Sinch sandbox on 127.0.0.1:$port (log: $log)"
( cd "$work" && exec env SMS_SANDBOX_ONLY=true SMS_PORT="$port" \
    SMS_SANDBOX_SERVICE_PLAN_ID="$plan" SMS_SANDBOX_API_TOKEN="$token" \
    SMS_SANDBOX_DISPATCH_DELAY_MS=50 SMS_SANDBOX_DELIVERY_DELAY_MS=100 SMS_SANDBOX_MESSAGES_PER_SECOND=0 \
    java -Xmx512m -Dh2.bindAddress=127.0.0.1 -Djava.io.tmpdir="$work" -jar "$micro" \
      --deploy "$war" --contextroot / --port "$port" --nohazelcast \
      --prebootcommandfile "$preboot" >"$log" 2>&1 ) &
server=$!   # the java process itself: the subshell exec'd it

for i in $(seq 1 180); do
  if curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then echo "the server exited; see $log" >&2; tail -50 "$log" >&2; exit 1; fi
  if [ "$i" = 180 ]; then echo "the server did not become healthy; see $log" >&2; exit 1; fi
  sleep 1
done
echo "Sandbox up at http://127.0.0.1:$port/sandbox"

cd "$here"
npm ci --no-audit --no-fund
SANDBOX_URL="http://127.0.0.1:$port/sandbox" SANDBOX_PLAN="$plan" SANDBOX_TOKEN="$token" node check.js
