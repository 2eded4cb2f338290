#!/usr/bin/env bash
# Exact token counting, side by side in one run: drp-llm (TokenCountRound, a fresh JVM per round)
# against HuggingFace's Rust tokenizers through their Node binding (npm 'tokenizers', a fresh node
# per round), on the same tokenizer.json (../shared/data/tokenizers/qwen2) and the same texts (the
# think text of the 153 real R1 traces). Rounds alternate which side goes first. Prints one JSON line
# per side and round, then the medians and ratios (drp / node; above 1 = drp faster or, for load,
# drp's time below node's when the ratio is node / drp). drp's load is reported twice: cold (its
# tokenizer cache deleted first, in that round's JVM) and warm (a second fresh JVM that finds the
# cache the first one wrote); node has no cache, so both are set against node's one load.
# Usage: bench/token-count.sh [ROUNDS=6] [PASSES=3]   (from the repository root; needs node + npm)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-6}"
passes="${2:-3}"
data="${DRP_SHARED_DATA:-$root/../shared/data}"
. "$root/bin/find-jdk"
cd "$root"
./mvnw -q -o -B -pl drp-llm -am test-compile >&2
./mvnw -q -o -B -pl drp-llm dependency:build-classpath -Dmdep.outputFile="$root/drp-llm/target/token-count.cp" >&2
cp="drp-llm/target/test-classes:drp-llm/target/classes:drp-core/target/classes:$(cat drp-llm/target/token-count.cp)"
(cd bench/token-count && [ -d node_modules/tokenizers ] || npm ci --ignore-scripts --no-audit --no-fund >&2)
out="$(mktemp)"
for ((r = 0; r < rounds; r++)); do
  if ((r % 2 == 0)); then order="java node"; else order="node java"; fi
  for side in $order; do
    if [ "$side" = java ]; then
      "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" drp.llm.token.TokenCountRound "$data" "$passes" | tee -a "$out"
    else
      node bench/token-count/count.mjs "$data" "$passes" | tee -a "$out"
    fi
  done
done
python3 - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
by = {}
for r in rows:
    by.setdefault(r["impl"].split("-")[0], []).append(r)
assert len({r["counts_sha256"] for r in rows}) == 1, "the two sides count differently"
for r in by["node"]:
    r["load_warm_s"] = r["load_s"]  # node has no cache: its one load stands against both of drp's
med = {k: {m: statistics.median(r[m] for r in v) for m in ("load_s", "load_warm_s", "single_tps", "batched_tps")}
       for k, v in by.items()}
d, n = med["drp"], med["node"]
print(f"same counts on both sides: {rows[0]['tokens']} tokens, sha256(counts) {rows[0]['counts_sha256']}; {len(by['drp'])} rounds each; drp counter: {by['drp'][0].get('counter', '?')}")
print(f"| | drp | node tokenizers | drp vs node |")
print(f"|---|---|---|---|")
print(f"| load, cold cache (s) | {d['load_s']:.3f} | {n['load_s']:.3f} | {n['load_s'] / d['load_s']:.2f}x as fast |")
print(f"| load, warm cache (s) | {d['load_warm_s']:.3f} | {n['load_s']:.3f} | {n['load_s'] / d['load_warm_s']:.2f}x as fast |")
print(f"| one text at a time (tokens/s) | {d['single_tps']:,.0f} | {n['single_tps']:,.0f} | {d['single_tps'] / n['single_tps']:.2f}x |")
print(f"| batched (tokens/s) | {d['batched_tps']:,.0f} | {n['batched_tps']:,.0f} | {d['batched_tps'] / n['batched_tps']:.2f}x |")
# paired: each round's two runs ran back to back, under about the same load
pairs = list(zip(by["drp"], by["node"]))
for m, label, inv in (("load_s", "load, cold cache", True), ("load_warm_s", "load, warm cache", True),
                      ("single_tps", "one at a time", False), ("batched_tps", "batched", False)):
    ratios = sorted((n_[m] / d_[m]) if inv else (d_[m] / n_[m]) for d_, n_ in pairs)
    print(f"paired per round, {label}: drp vs node median {statistics.median(ratios):.2f}x (range {ratios[0]:.2f}-{ratios[-1]:.2f}), drp ahead in {sum(r > 1 for r in ratios)} of {len(ratios)}")
PY
rm -f "$out"
