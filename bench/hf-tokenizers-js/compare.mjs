// HuggingFace's own JS tokenizer (@huggingface/tokenizers, an implementation independent of the
// Rust one DJL binds) on the same Qwen2 tokenizer.json as drp-llm: checks the 46 llama.cpp
// vectors, counts the think text of the 153 real traces (the sha256 of the comma-joined counts
// must equal the one TokenCountBenchmark prints), and measures single-thread tokens/s.
// Run: cd bench/hf-tokenizers-js && npm ci && node compare.mjs [SHARED_DATA_DIR]
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Tokenizer } from "@huggingface/tokenizers";

const data = process.argv[2] ?? process.env.DRP_SHARED_DATA ?? "../../../shared/data";
const tokenizerJson = JSON.parse(readFileSync(join(data, "tokenizers/qwen2/tokenizer.json"), "utf8"));
const tokenizer = new Tokenizer(tokenizerJson, {});
const ids = (text) => tokenizer.encode(text, { add_special_tokens: false }).ids;

// llama.cpp test-tokenizer-0 format: cases end with "\n__ggml_vocab_test__\n", one .out line each
const inp = readFileSync(join(data, "tokenizers/test-vectors/ggml-vocab-qwen2.gguf.inp"), "utf8");
const texts = inp.split("\n__ggml_vocab_test__\n");
if (texts[texts.length - 1] === "") texts.pop();
const expected = readFileSync(join(data, "tokenizers/test-vectors/ggml-vocab-qwen2.gguf.out"), "utf8")
  .split("\n").slice(0, texts.length).map((line) => line.trim() === "" ? [] : line.trim().split(/ +/).map(Number));
const mismatches = texts.filter((text, i) => JSON.stringify(ids(text)) !== JSON.stringify(expected[i]));
console.log(`test vectors: ${texts.length - mismatches.length}/${texts.length} reproduced`);
for (const text of mismatches) console.log(`  mismatch: ${JSON.stringify(text)}`);

const thinks = readFileSync(join(data, "traces/r1-distill-llama-8b.math.jsonl"), "utf8")
  .split("\n").filter((line) => line !== "").map((line) => JSON.parse(line).think);
const counts = thinks.map((text) => ids(text).length);
const total = counts.reduce((a, b) => a + b, 0);
const digest = createHash("sha256").update(counts.join(",")).digest("hex").slice(0, 16);
console.log(`${thinks.length} think texts, ${total} Qwen2 tokens, sha256(counts) ${digest}`);

for (let pass = 0; pass < 2; pass++) thinks.forEach(ids); // warm-up
const passes = 5;
const rates = [];
for (let pass = 0; pass < passes; pass++) {
  const start = process.hrtime.bigint();
  let tokens = 0;
  for (const text of thinks) tokens += ids(text).length;
  rates.push(tokens / (Number(process.hrtime.bigint() - start) / 1e9));
}
rates.sort((a, b) => a - b);
console.log(`single thread, one call per text: median ${Math.round(rates[2])} tokens/s (min ${Math.round(rates[0])}, max ${Math.round(rates[4])}) over ${passes} passes, node ${process.version}`);
