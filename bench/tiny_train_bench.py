"""Training throughput of the drp-tiny model in PyTorch on the CPU, for comparison with
drp.tiny.bench.TrainingThroughput (same model, same batch, same work per step).

Model: Llama architecture (RMSNorm, rotate-half RoPE, SwiGLU, causal multi-head attention),
vocab 993, dim 128, 4 layers, 8 heads, hidden 352, untied embeddings (1.06M parameters).
Batch: 4 rows x 512 tokens of random ids, one causal sequence per row, loss on every position,
then AdamW. Prints tokens per second after warm-up steps.

    pip install torch   # CPU build is enough; or Debian's python3-torch (1.13)
    python bench/tiny_train_bench.py --threads 2

Needs PyTorch 1.8 or later. PyTorch 2's fused F.scaled_dot_product_attention is used where it
exists; on 1.x the same attention is written out (softmax(q k^T / sqrt(d) + causal mask) v), which
does the same work in more kernels, so the header line says which one ran. --compile needs 2.0.
"""
import argparse
import math
import sys
import time

try:
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError:
    sys.exit("tiny_train_bench.py needs PyTorch (1.8 or later): pip install torch, or apt-get install python3-torch")

TORCH_VERSION = tuple(int(p) for p in torch.__version__.split("+")[0].split(".")[:2])
if TORCH_VERSION < (1, 8):  # torch.outer and nn.Module.zero_grad(set_to_none=) arrived in 1.7/1.8
    sys.exit(f"tiny_train_bench.py needs PyTorch 1.8 or later; found {torch.__version__}")
FUSED_ATTENTION = hasattr(F, "scaled_dot_product_attention")  # PyTorch >= 2.0

V, C, L, NH, H, T_MAX, THETA, EPS = 993, 128, 4, 8, 352, 512, 10000.0, 1e-5


class RMSNorm(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + EPS) * self.weight


def rope_tables(t, hs):
    inv = 1.0 / (THETA ** (torch.arange(0, hs, 2).float() / hs))
    ang = torch.outer(torch.arange(t).float(), inv)
    return torch.cat([ang.cos()] * 2, -1), torch.cat([ang.sin()] * 2, -1)


def causal_attention(q, k, v):
    """softmax(q k^T / sqrt(hs) + causal mask) v over (B, NH, T, hs): what PyTorch 2's
    F.scaled_dot_product_attention(q, k, v, is_causal=True) computes, for PyTorch 1.x."""
    if FUSED_ATTENTION:
        return F.scaled_dot_product_attention(q, k, v, is_causal=True)
    t = q.size(-2)
    att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(q.size(-1)))  # (B, NH, T, T)
    future = torch.ones(t, t, dtype=torch.bool, device=q.device).triu(1)
    return att.masked_fill(future, float("-inf")).softmax(dim=-1) @ v


def rotate_half(x):
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat((-x2, x1), dim=-1)


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.input_layernorm = RMSNorm(C)
        self.q_proj = nn.Linear(C, C, bias=False)
        self.k_proj = nn.Linear(C, C, bias=False)
        self.v_proj = nn.Linear(C, C, bias=False)
        self.o_proj = nn.Linear(C, C, bias=False)
        self.post_attention_layernorm = RMSNorm(C)
        self.gate_proj = nn.Linear(C, H, bias=False)
        self.up_proj = nn.Linear(C, H, bias=False)
        self.down_proj = nn.Linear(H, C, bias=False)

    def forward(self, x, cos, sin):
        b, t, _ = x.shape
        hs = C // NH
        h = self.input_layernorm(x)
        q = self.q_proj(h).view(b, t, NH, hs).transpose(1, 2)
        k = self.k_proj(h).view(b, t, NH, hs).transpose(1, 2)
        v = self.v_proj(h).view(b, t, NH, hs).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        y = causal_attention(q, k, v)
        x = x + self.o_proj(y.transpose(1, 2).reshape(b, t, C))
        h = self.post_attention_layernorm(x)
        return x + self.down_proj(F.silu(self.gate_proj(h)) * self.up_proj(h))


class Llama(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed_tokens = nn.Embedding(V, C)
        self.layers = nn.ModuleList(Block() for _ in range(L))
        self.norm = RMSNorm(C)
        self.lm_head = nn.Linear(C, V, bias=False)

    def forward(self, idx, cos, sin):
        x = self.embed_tokens(idx)
        for layer in self.layers:
            x = layer(x, cos, sin)
        return self.lm_head(self.norm(x))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--seq", type=int, default=512)
    parser.add_argument("--compile", action="store_true", help="torch.compile the model (PyTorch 2.0 or later)")
    args = parser.parse_args()
    if args.compile and not hasattr(torch, "compile"):
        sys.exit(f"--compile needs PyTorch 2.0 or later (torch.compile); found {torch.__version__}")
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    model = Llama()
    if args.compile:
        model = torch.compile(model)
    params = sum(p.numel() for p in model.parameters())
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, betas=(0.9, 0.95), weight_decay=0.1)
    cos, sin = rope_tables(args.seq, C // NH)
    idx = torch.randint(0, V, (args.batch, args.seq))
    tgt = torch.randint(0, V, (args.batch, args.seq))
    attention = "fused scaled_dot_product_attention" if FUSED_ATTENTION else "attention written out (PyTorch 1.x)"
    print(f"PyTorch {torch.__version__} training throughput: {params:,} parameters, "
          f"B={args.batch} T={args.seq}, {torch.get_num_threads()} threads, {attention}")
    start = None
    for step in range(args.warmup + args.steps):
        if step == args.warmup:
            start = time.perf_counter()
        t0 = time.perf_counter()
        logits = model(idx, cos, sin)
        loss = F.cross_entropy(logits.view(-1, V), tgt.view(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        print(f"step {step + 1:2d}{' (warm-up)' if step < args.warmup else ''} loss {loss.item():.4f}"
              f"  {1000 * (time.perf_counter() - t0):.0f} ms")
    seconds = time.perf_counter() - start
    tokens = args.steps * args.batch * args.seq
    print(f"tokens/s: {tokens / seconds:.0f} ({args.steps} steps of {args.batch * args.seq} tokens in {seconds:.2f} s)")


if __name__ == "__main__":
    main()
