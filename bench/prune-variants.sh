#!/usr/bin/env bash
# Prunes the 153 real R1 traces with each heuristic-teacher variant and prints one Markdown row
# per variant (the table in BENCHMARKS.md, "Pruning the real R1 traces").
# Usage: bench/prune-variants.sh [SHARED_DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data}"
out=$(mktemp -d)
row() {
  local label="$1"; shift
  ./drp prune --in "$data/traces/r1-distill-llama-8b.math.jsonl" --out "$out/$label" \
      --tokenizer "$data/tokenizers/qwen2" "$@" >/dev/null 2>&1
  python3 - "$out/$label/summary.json" "$label" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
fail = ", ".join(f"{v} {k}" for k, v in s["failures"].items()) or "0"
print(f"| {sys.argv[2]} | {s['traces_out']} / {s['traces_in']} | {fail} | {s['tokens_before']:,} | "
      f"{s['tokens_after']:,} | {100 * s['reduction']:.1f}% | {s['answers_preserved']} / {s['traces_out']} |")
PY
}
echo "| variant | traces pruned | failures | Qwen2 tokens before | after | reduction | answers preserved |"
echo "|---|---|---|---|---|---|---|"
row "SKILL, STANDARD (default), correct traces"
row "SKILL, STANDARD, --all" --all
row "SENTENCE granularity (sentence-split baseline)" --granularity SENTENCE
row "PARAGRAPH granularity" --granularity PARAGRAPH
row "LIGHT aggressiveness" --aggressiveness LIGHT
row "LENGTH_ONLY (skill-blind truncation baseline)" --aggressiveness LENGTH_ONLY
rm -rf "$out"
