#!/usr/bin/env bash
# Training throughput of drp-tiny (drp.tiny.bench.TrainingThroughput) against the plain-numpy
# baseline (bench/tiny_train_numpy.py) on the same model and batch (B=4, T=512), interleaved
# (Java, numpy, Java, numpy, ...) so that a noisy machine hits both alike; both on the same
# number of threads. Prints a Markdown table: tokens/s of each and the ratio, per round, then the
# medians over the rounds (for the ratio: the median of the per-round ratios).
# Usage: bench/tiny-train-throughput.sh [ROUNDS=3] [STEPS=10] [WARMUP=5] [THREADS=2]
# Needs drp-tiny compiled (drp-tiny/target/classes): ./mvnw -q -DskipTests compile -pl drp-tiny -am
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
steps="${2:-10}"
warmup="${3:-5}"
threads="${4:-2}"
b=4
t=512

. bin/find-jdk
java="$JAVA_HOME/bin/java"
classes=drp-tiny/target/classes
if [ ! -f "$classes/drp/tiny/bench/TrainingThroughput.class" ]; then
  echo "drp-tiny is not compiled: ./mvnw -q -DskipTests compile -pl drp-tiny -am" >&2
  exit 1
fi
# the flags of the ./drp launcher; drp.tiny.threads sets drp.tiny.model.Parallel's thread count
opts=(-XX:+UseParallelGC -Xss8m --add-modules jdk.incubator.vector "-Ddrp.tiny.threads=$threads")
major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')
[ "${major:-21}" -ge 24 ] && opts+=(--enable-native-access=ALL-UNNAMED)

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
# the number after the last "tokens/s: " of a log
rate() { grep -o 'tokens/s: [0-9.]*' "$1" | tail -n 1 | awk '{print $2}'; }

java_rates=()
numpy_rates=()
for r in $(seq 1 "$rounds"); do
  echo "round $r/$rounds: drp-tiny (Java)..." >&2
  "$java" "${opts[@]}" -cp "$classes" drp.tiny.bench.TrainingThroughput "$steps" "$warmup" "$b" "$t" \
      >"$logs/java-$r.log" 2>&1 || { cat "$logs/java-$r.log" >&2; exit 1; }
  java_rates+=("$(rate "$logs/java-$r.log")")
  echo "round $r/$rounds: numpy..." >&2
  python3 bench/tiny_train_numpy.py --threads "$threads" --steps "$steps" --warmup "$warmup" \
      --batch "$b" --seq "$t" >"$logs/numpy-$r.log" 2>&1 || { cat "$logs/numpy-$r.log" >&2; exit 1; }
  numpy_rates+=("$(rate "$logs/numpy-$r.log")")
done

grep 'drp-tiny training throughput' "$logs/java-1.log" | sed 's/^/# /'
grep 'numpy training throughput' "$logs/numpy-1.log" | sed 's/, tokens\/s:.*//; s/^/# /'
echo "# $rounds rounds of $warmup warm-up + $steps timed steps each, B=$b T=$t, $threads threads, $(nproc) cores"
echo
echo "| round | drp-tiny (Java) tokens/s | numpy tokens/s | Java / numpy |"
echo "|---|---|---|---|"
for i in "${!java_rates[@]}"; do
  awk -v r="$((i + 1))" -v j="${java_rates[$i]}" -v n="${numpy_rates[$i]}" \
      'BEGIN { printf "| %d | %.0f | %.0f | %.2fx |\n", r, j, n, j / n }'
done
printf '%s\n' "${java_rates[@]}" >"$logs/j"
printf '%s\n' "${numpy_rates[@]}" >"$logs/n"
# each round's ratio: Java and numpy of one round ran back to back, under the same load
for i in "${!java_rates[@]}"; do
  awk -v j="${java_rates[$i]}" -v n="${numpy_rates[$i]}" 'BEGIN { printf "%.6f\n", j / n }'
done >"$logs/ratio"
# medians over the rounds; the ratio column's is the median of the per-round ratios (the paired
# figure), which is not the ratio of the two medians when the rounds' loads differ
median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
awk -v j="$(median "$logs/j")" -v n="$(median "$logs/n")" -v r="$(median "$logs/ratio")" \
    'BEGIN { printf "| median | %.0f | %.0f | %.2fx |\n", j, n, r }'
echo
awk -v j="$(median "$logs/j")" -v n="$(median "$logs/n")" -v r="$(median "$logs/ratio")" \
    'BEGIN { printf "The median ratio %.2fx is the median of the per-round ratios; the ratio of the two medians is %.2fx.\n", r, j / n }'
