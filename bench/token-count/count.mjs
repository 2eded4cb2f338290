// One round of the token-count comparison, HuggingFace's Rust tokenizers through their Node binding
// (npm 'tokenizers'): load time, then tokens/s one text at a time and batched, on the think texts
// of the 153 real R1 traces. Prints one JSON line. Run by ../token-count.sh, which alternates rounds
// with drp-llm's TokenCountRound on the same files.
// Usage: node count.mjs SHARED_DATA_DIR PASSES
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const data = process.argv[2];
const passes = Number(process.argv[3] ?? 3);
const texts = readFileSync(join(data, "traces/r1-distill-llama-8b.math.jsonl"), "utf8")
  .split("\n").filter((l) => l !== "").map((l) => JSON.parse(l).think);

const t0 = process.hrtime.bigint();
const { Tokenizer } = await import("tokenizers");
const tokenizer = Tokenizer.fromFile(join(data, "tokenizers/qwen2/tokenizer.json"));
const loadS = Number(process.hrtime.bigint() - t0) / 1e9;

const options = { addSpecialTokens: false };
async function single() {
  const counts = [];
  for (const text of texts) counts.push((await tokenizer.encode(text, null, options)).getLength());
  return counts;
}
async function batched() {
  return (await tokenizer.encodeBatch(texts, options)).map((e) => e.getLength());
}
const counts = await single();
const batchCounts = await batched();
if (JSON.stringify(counts) !== JSON.stringify(batchCounts)) throw new Error("single and batched counts differ");
const tokens = counts.reduce((a, b) => a + b, 0);
const digest = createHash("sha256").update(counts.join(",")).digest("hex").slice(0, 16);

const rates = { single: [], batched: [] };
for (let p = 0; p < passes; p++) {
  for (const [name, fn] of p % 2 === 0 ? [["single", single], ["batched", batched]] : [["batched", batched], ["single", single]]) {
    const start = process.hrtime.bigint();
    await fn();
    rates[name].push(tokens / (Number(process.hrtime.bigint() - start) / 1e9));
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(JSON.stringify({ impl: "node-tokenizers-0.23.2", load_s: loadS, single_tps: median(rates.single),
  batched_tps: median(rates.batched), tokens, counts_sha256: digest, node: process.version }));
