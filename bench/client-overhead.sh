#!/usr/bin/env bash
# Client overhead, side by side: drp's OpenAI-compatible adapter (Java, openai-java SDK) and the
# official Node `openai` client, each with 64 calls in flight against the same local server that
# answers instantly. Rounds alternate so that both clients see the same machine load.
# usage: bench/client-overhead.sh [in_flight=64] [seconds=10] [rounds=3]
set -euo pipefail
cd "$(dirname "$0")/.."
IN_FLIGHT=${1:-64}
SECONDS_PER_RUN=${2:-10}
ROUNDS=${3:-3}
. bin/find-jdk
# One Maven call with -am: drp-llm's classpath names drp-core (and its test jar), which a clean
# clone has only in the reactor, never in ~/.m2; a separate call without -am would look for them
# in ~/.m2 and fail offline, or, worse, quietly use whatever stale copy was installed there.
./mvnw -q -B -ntp -o -pl drp-llm -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
CP="drp-llm/target/test-classes:drp-llm/target/classes:drp-core/target/test-classes:drp-core/target/classes:$(cat drp-llm/target/bench-classpath.txt)"
[ -d bench/node_modules/openai ] || (cd bench && npm ci --silent)

WORK=$(mktemp -d)
"$JAVA_HOME/bin/java" -Xmx512m -cp "$CP" drp.llm.bench.InstantServer "$WORK/url" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do [ -s "$WORK/url" ] && break; sleep 0.1; done
URL=$(cat "$WORK/url")
echo "server: $URL (pid $SERVER); $IN_FLIGHT in flight, ${SECONDS_PER_RUN}s per run, $ROUNDS rounds" >&2
echo "machine: $(nproc) cores, $(uname -sr), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), node $(node --version)" >&2

# warm the server's JIT with both clients before anything is measured
"$JAVA_HOME/bin/java" -Xmx512m -cp "$CP" drp.llm.bench.ClientOverheadBench "$URL" adapter "$IN_FLIGHT" 5 0 > /dev/null
node bench/node-client.mjs "$URL" "$IN_FLIGHT" 5 0 > /dev/null

run_client() {
  case "$1" in
    adapter|stack) "$JAVA_HOME/bin/java" -Xmx512m -cp "$CP" drp.llm.bench.ClientOverheadBench "$URL" "$1" "$IN_FLIGHT" "$SECONDS_PER_RUN" 3 ;;
    node) node bench/node-client.mjs "$URL" "$IN_FLIGHT" "$SECONDS_PER_RUN" 3 ;;
  esac
}
# each round starts with another client, so no client always meets the warmest server
ORDER=(adapter node stack)
for round in $(seq 1 "$ROUNDS"); do
  for i in 0 1 2; do
    run_client "${ORDER[$(( (round + i) % 3 ))]}" | tee -a "$WORK/results"
  done
done

node -e '
const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
const by = {};
for (const l of lines) (by[l.client] ??= []).push(l);
const median = a => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
const rows = Object.entries(by).map(([c, v]) => ({ c,
  rps: median(v.map(x => x.requests_per_second)), cpu: median(v.map(x => x.cpu_us_per_request)),
  runs: v.map(x => x.requests_per_second.toFixed(0)).join(", ") }));
const node = rows.find(r => r.c.startsWith("node"));
console.log("\nmedians over rounds (requests/s; client CPU per request):");
for (const r of rows)
  console.log(`  ${r.c}: ${r.rps.toFixed(0)} req/s (runs: ${r.runs}; ${(r.rps / node.rps).toFixed(2)}x node),`
    + ` ${r.cpu.toFixed(0)} us CPU/request (${(r.cpu / node.cpu).toFixed(2)}x node)`);
' "$WORK/results"
