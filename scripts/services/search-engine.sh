#!/usr/bin/env bash
# Start a single-node OpenSearch on loopback for the search tests (see
# services/search-engine/). Prints the URL to use as SEARCH_URLS on its last
# line. Installs Java 17 and Maven with apt-get where missing (needs root, as
# on CI machines); the first build fetches the jars from Maven Central into
# ~/.m2, later builds are offline and quick. Reuses an engine that already
# answers on the port. Stop it with:
#   kill "$(cat services/search-engine/target/engine-9210.pid)"
set -euo pipefail
cd "$(dirname "$0")/../../services/search-engine"

HTTP_PORT=${SEARCH_ENGINE_HTTP_PORT:-9210}
TRANSPORT_PORT=${SEARCH_ENGINE_TRANSPORT_PORT:-9310}
START_TIMEOUT=${SEARCH_ENGINE_START_TIMEOUT:-180}
URL="http://127.0.0.1:$HTTP_PORT"

log() { echo "[search-engine] $*" >&2; }
answers() { curl -sf "$URL/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1; }

if answers; then
  log "already running at $URL"
  echo "$URL"
  exit 0
fi

if ! command -v mvn >/dev/null 2>&1 || ! command -v javac >/dev/null 2>&1; then
  log "Java or Maven is missing; installing them with apt-get"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless maven curl >&2
fi

stamp=target/.build.sha256
wanted=$(cat pom.xml src/main/java/foramen/searchengine/*.java | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ] || [ ! -d target/lib ]; then
  log "building the launcher (mvn package)"
  mvn -q -B package >&2
  echo "$wanted" > "$stamp"
fi

log_file=target/engine-$HTTP_PORT.log
log "starting OpenSearch on $URL (transport port $TRANSPORT_PORT)"
nohup java -Xms512m -Xmx512m -cp "target/classes:target/lib/*" \
  foramen.searchengine.SearchEngine "$HTTP_PORT" "$TRANSPORT_PORT" > "$log_file" 2>&1 &
pid=$!

deadline=$((SECONDS + START_TIMEOUT))
until answers; do
  if ! kill -0 "$pid" 2>/dev/null; then
    log "FAILED: the engine exited while starting; its log ($log_file) ends with:"
    tail -n 30 "$log_file" >&2
    exit 1
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    log "FAILED: no answer on $URL within ${START_TIMEOUT}s; stopping it"
    kill "$pid" 2>/dev/null || true
    tail -n 30 "$log_file" >&2
    exit 1
  fi
  sleep 1
done
echo "$pid" > "target/engine-$HTTP_PORT.pid"
log "ready at $URL (pid $pid)"
echo "$URL"
