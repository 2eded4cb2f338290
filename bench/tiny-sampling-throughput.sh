#!/usr/bin/env bash
# Sampling throughput of the shipped base student (drp.tiny.bench.SamplingThroughput): the direct
# batched path (TinyStudent.answer on chunks of 64) and the ChatModel path (N virtual threads, one
# problem per TinyChatModel.chat request) side by side in one JVM, on the same problems.
# Usage: bench/tiny-sampling-throughput.sh [PROBLEMS=2000] [PATHS=direct,chat64,chat128] [THREADS=2]
# Needs drp-tiny compiled (drp-tiny/target/classes): ./mvnw -q -o -pl drp-core,drp-tiny compile
set -euo pipefail
cd "$(dirname "$0")/.."
problems="${1:-2000}"
paths="${2:-direct,chat64,chat128}"
threads="${3:-2}"

. bin/find-jdk
java="$JAVA_HOME/bin/java"
if [ ! -f drp-tiny/target/classes/drp/tiny/bench/SamplingThroughput.class ]; then
  echo "drp-tiny is not compiled: ./mvnw -q -o -pl drp-core,drp-tiny compile" >&2
  exit 1
fi
cp=$(mktemp)
trap 'rm -f "$cp"' EXIT
./mvnw -q -o -B -pl drp-tiny dependency:build-classpath -Dmdep.outputFile="$cp" >/dev/null
# drp-core from this checkout, not from ~/.m2
classpath="drp-tiny/target/classes:drp-core/target/classes:$(tr ':' '\n' <"$cp" | grep -v '/drp-core-' | paste -sd:)"
# the flags of the ./drp launcher; drp.tiny.threads sets drp.tiny.model.Parallel's thread count
opts=(-XX:+UseParallelGC -Xss8m --add-modules jdk.incubator.vector "-Ddrp.tiny.threads=$threads")
major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')
[ "${major:-21}" -ge 24 ] && opts+=(--enable-native-access=ALL-UNNAMED)
echo "# $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the run" >&2
"$java" "${opts[@]}" -cp "$classpath" drp.tiny.bench.SamplingThroughput "$problems" "$paths" 2>&1 | grep -v '^WARNING'
