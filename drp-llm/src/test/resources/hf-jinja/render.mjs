// Renders chat templates with @huggingface/jinja, the Jinja implementation transformers.js uses
// for apply_chat_template, as drp's reference for its own (Jinjava) rendering.
// Usage: node render.mjs REQUEST.json OUT.json
// REQUEST: {"template": "...", "special": {"bos_token": ...}, "cases": [{"messages": [...], "add_generation_prompt": bool}]}
// OUT: ["rendered text", ...] in the order of the cases
import { readFileSync, writeFileSync } from "node:fs";
import { Template } from "@huggingface/jinja";

const [requestFile, outFile] = process.argv.slice(2);
const request = JSON.parse(readFileSync(requestFile, "utf8"));
const template = new Template(request.template);
const out = request.cases.map((c) => template.render({
  ...request.special,
  messages: c.messages,
  add_generation_prompt: c.add_generation_prompt,
}));
writeFileSync(outFile, JSON.stringify(out));
