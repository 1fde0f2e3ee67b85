#!/usr/bin/env bash
# Creates or updates a connector through the Kafka Connect REST API from a JSON file of connector
# properties (one flat object with "name" and "connector.class", as under config/), and waits
# until the connector and all its tasks run. Needs only bash and curl.
#
#   docker/deploy-connector.sh CONFIG_JSON [CONNECT_URL]
#   docker/deploy-connector.sh config/flashback-source-avro.json http://localhost:8083
#
# CONNECT_URL defaults to $CONNECT_URL, else http://localhost:8083. DEPLOY_TIMEOUT_SECONDS (default
# 300) bounds each wait. Steps: wait for the worker; check that it has the connector's plugin; ask
# the worker to validate the config (for this connector that includes one real call to the API,
# so a wrong URL or token stops here, with the worker's message); PUT the config (idempotent:
# creates the connector or updates it); wait for RUNNING. Exits non-zero with the reason otherwise.
set -euo pipefail

usage() {
  echo "usage: $0 CONFIG_JSON [CONNECT_URL]" >&2
  exit 2
}

fail() {
  echo "deploy-connector: $*" >&2
  exit 1
}

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  usage
fi
config_file=$1
connect_url=${2:-${CONNECT_URL:-http://localhost:8083}}
connect_url=${connect_url%/}
timeout_seconds=${DEPLOY_TIMEOUT_SECONDS:-300}

[ -r "$config_file" ] || fail "cannot read $config_file"

# The value of a top-level string property of the flat JSON object.
json_string() {
  sed -n "s/^[[:space:]]*\"$1\"[[:space:]]*:[[:space:]]*\"\([^\"]*\)\".*/\1/p" "$config_file" |
    head -n 1
}

name=$(json_string name)
connector_class=$(json_string 'connector\.class')
[ -n "$name" ] || fail "$config_file has no \"name\""
[ -n "$connector_class" ] || fail "$config_file has no \"connector.class\""

scratch=$(mktemp)
trap 'rm -f "$scratch"' EXIT

# curl METHOD PATH [JSON_FILE]: the body goes to $scratch, the HTTP status to stdout (000 when the
# worker cannot be reached).
call() {
  local method=$1 path=$2 body=${3:-}
  local args=(-sS -o "$scratch" -w '%{http_code}' -X "$method" -H 'Accept: application/json')
  if [ -n "$body" ]; then
    args+=(-H 'Content-Type: application/json' --data-binary "@$body")
  fi
  local code
  code=$(curl "${args[@]}" "$connect_url$path" 2>/dev/null) || code=000
  echo "$code"
}

deadline=$((SECONDS + timeout_seconds))
waited() {
  [ "$SECONDS" -lt "$deadline" ] || fail "gave up after ${timeout_seconds}s: $1"
  sleep 3
}

echo "Waiting for the Connect worker at $connect_url"
until [ "$(call GET /connector-plugins)" = 200 ]; do
  waited "the worker at $connect_url does not answer"
done

grep -q "\"class\":\"$connector_class\"" "$scratch" ||
  fail "the worker has no plugin $connector_class; is the plugin folder on its plugin.path?" \
    "(mvn -DskipTests package builds target/plugin/kafka-connect-flashback)"

echo "Validating $config_file"
status=$(call PUT "/connector-plugins/$connector_class/config/validate" "$config_file")
[ "$status" = 200 ] || fail "validation answered HTTP $status: $(cat "$scratch")"
if ! grep -q '"error_count":0' "$scratch"; then
  echo "The worker rejected the configuration:" >&2
  # Each key with errors, as "name": [messages] (the full answer follows if none can be picked).
  grep -o '"name":"[^"]*","value":[^{}]*"errors":\["[^]]*\]' "$scratch" |
    sed 's/^"name":"\([^"]*\)".*"errors":\[\(.*\)\]$/  \1: \2/' >&2 ||
    cat "$scratch" >&2
  exit 1
fi

echo "Deploying connector $name"
deadline=$((SECONDS + timeout_seconds))
while :; do
  status=$(call PUT "/connectors/$name/config" "$config_file")
  case $status in
    201) echo "Created connector $name"; break ;;
    200) echo "Updated connector $name"; break ;;
    # 409: the workers are rebalancing; 000/5xx: the worker is restarting.
    409 | 000 | 5??) waited "PUT /connectors/$name/config keeps answering HTTP $status" ;;
    *) fail "PUT /connectors/$name/config answered HTTP $status: $(cat "$scratch")" ;;
  esac
done

echo "Waiting for connector $name and its tasks to run"
deadline=$((SECONDS + timeout_seconds))
while :; do
  if [ "$(call GET "/connectors/$name/status")" = 200 ]; then
    # The connector's state first, then one per task.
    states=$(grep -o '"state":"[A-Z_]*"' "$scratch" | cut -d'"' -f4 || true)
    if grep -qx FAILED <<<"$states"; then
      echo "Connector $name or one of its tasks FAILED:" >&2
      cat "$scratch" >&2
      echo >&2
      exit 1
    fi
    if [ "$(wc -l <<<"$states")" -ge 2 ] && ! grep -qvx RUNNING <<<"$states"; then
      echo "Connector $name is RUNNING with $(($(wc -l <<<"$states") - 1)) task(s):"
      cat "$scratch"
      echo
      exit 0
    fi
  fi
  waited "connector $name is not RUNNING yet: $(cat "$scratch")"
done
