#!/usr/bin/env python3
"""Rebuilds the tiny Qwen2 fixtures from ../shared/data/tokenizers/qwen2 (Apache-2.0).

Qwen2's first 256 ids are the byte-level alphabet and merge k creates id 256 + k, so the first
MERGES merges with the tokens they use form a self-consistent BPE whose ids are Qwen2's own.
  tiny-qwen2/tokenizer.json          cut from qwen2/tokenizer.json (same pipeline, fewer merges)
  tiny-qwen2-bpe/vocab.json, merges.txt  cut from qwen2/vocab.json and merges.txt
Usage: python3 make-tiny-qwen2.py /work/shared/data/tokenizers/qwen2
"""
import json, os, sys

MERGES = 300
src = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
vocab = json.load(open(os.path.join(src, "vocab.json"), encoding="utf-8"))
lines = open(os.path.join(src, "merges.txt"), encoding="utf-8").read().split("\n")
header, merges = lines[0], [l for l in lines[1:] if l][:MERGES]
tiny = {t: i for t, i in vocab.items() if i < 256 + MERGES}
for k, m in enumerate(merges):
    a, b = m.split(" ")
    assert tiny[a + b] == 256 + k and a in tiny and b in tiny, m

os.makedirs(os.path.join(here, "tiny-qwen2-bpe"), exist_ok=True)
with open(os.path.join(here, "tiny-qwen2-bpe", "vocab.json"), "w", encoding="utf-8") as f:
    json.dump(tiny, f, ensure_ascii=False)
with open(os.path.join(here, "tiny-qwen2-bpe", "merges.txt"), "w", encoding="utf-8") as f:
    f.write(header + "\n" + "\n".join(merges) + "\n")

full = json.load(open(os.path.join(src, "tokenizer.json"), encoding="utf-8"))
full["model"]["vocab"] = tiny
full["model"]["merges"] = [m.split(" ") for m in merges]
os.makedirs(os.path.join(here, "tiny-qwen2"), exist_ok=True)
with open(os.path.join(here, "tiny-qwen2", "tokenizer.json"), "w", encoding="utf-8") as f:
    json.dump(full, f, ensure_ascii=False, indent=1)
