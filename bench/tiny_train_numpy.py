"""Training throughput of the drp-tiny model in plain numpy on the CPU: the "Python without
PyTorch" baseline for drp.tiny.bench.TrainingThroughput (same model, same batch, same work per
step as it and bench/tiny_train_bench.py), with a hand-written backward pass in the style of
llm.c's CPU reference: one function per layer forward and backward, read top to bottom.

Model: Llama architecture (RMSNorm, rotate-half RoPE, SwiGLU, causal multi-head attention),
vocab 993, dim 128, 4 layers, 8 heads, hidden 352, untied embeddings (1.06M parameters).
Batch: 4 rows x 512 tokens of random ids, one causal sequence per row, loss (mean cross-entropy)
on every position, then AdamW(0.9, 0.95, eps 1e-8, weight decay 0.1 on every tensor except the
norm weights, as drp.tiny.train.AdamW), lr 1e-3. Everything in float32.

    python3 bench/tiny_train_numpy.py --threads 2          # tokens/s
    python3 bench/tiny_train_numpy.py --check              # finite-difference check of backward

The thread count only reaches BLAS (matrix products); numpy's element-wise work is single-threaded.
Attention computes the full T x T scores and masks the upper triangle (drp-tiny and PyTorch's
fused attention skip most of it): that is how one writes it in numpy.

Shapes use drp.tiny.model.LlamaConfig's legend: B rows, T positions, C channels, NH heads,
hs = C / NH, H hidden, V vocabulary, L layers, N = B * T. Linear weights are (out, in).
"""
import argparse
import os
import sys
import time


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--seq", type=int, default=512)
    parser.add_argument("--check", action="store_true",
                        help="check the backward pass against finite differences (float64, tiny model)")
    return parser.parse_args()


ARGS = parse_args()
# BLAS reads these when numpy is first imported
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[var] = str(ARGS.threads)

import numpy as np  # noqa: E402

# vocab, dim, layers, heads, hidden, context, rope theta, rms eps (as TrainingThroughput)
CONFIG = dict(V=993, C=128, L=4, NH=8, H=352, T_MAX=512, theta=10000.0, eps=1e-5)


# ----------------------------------------------------------------------------------------------
# parameters: one flat array, each tensor a view into it (llm.c's ParameterTensors), in the
# order of drp.tiny.model.Parameters

def param_shapes(cfg):
    V, C, L, H = cfg["V"], cfg["C"], cfg["L"], cfg["H"]
    return [("embed", (V, C)), ("attn_norm", (L, C)), ("wq", (L, C, C)), ("wk", (L, C, C)),
            ("wv", (L, C, C)), ("wo", (L, C, C)), ("ffn_norm", (L, C)), ("w_gate", (L, H, C)),
            ("w_up", (L, H, C)), ("w_down", (L, C, H)), ("final_norm", (C,)), ("lm_head", (V, C))]


def is_norm(name):
    return name.endswith("norm")


def views(flat, cfg):
    """name -> view of the flat array."""
    out, offset = {}, 0
    for name, shape in param_shapes(cfg):
        size = int(np.prod(shape))
        out[name] = flat[offset:offset + size].reshape(shape)
        offset += size
    return out


def parameter_count(cfg):
    return sum(int(np.prod(shape)) for _, shape in param_shapes(cfg))


def initialize(cfg, rng, dtype, std=0.02):
    """GPT-2 / llm.c init as drp.tiny.model.Parameters: normal(0, std), wo and w_down scaled by
    1/sqrt(2L), norm weights one."""
    flat = np.zeros(parameter_count(cfg), dtype=dtype)
    p = views(flat, cfg)
    for name, shape in param_shapes(cfg):
        if is_norm(name):
            p[name][...] = 1
        else:
            scale = std / np.sqrt(2 * cfg["L"]) if name in ("wo", "w_down") else std
            p[name][...] = rng.normal(0.0, scale, size=shape)
    return flat


# ----------------------------------------------------------------------------------------------
# layers: forward returns the output and what backward needs; backward returns input gradients

def embedding_forward(tokens, embed):
    # tokens (B, T), embed (V, C) -> (B, T, C)
    return embed[tokens]


def embedding_backward(dembed, dout, tokens):
    # dembed (V, C) += scatter-add of dout (B, T, C) by token
    np.add.at(dembed, tokens.reshape(-1), dout.reshape(-1, dout.shape[-1]))


def rmsnorm_forward(x, w, eps):
    # x (B, T, C), w (C) -> out = x * rstd * w, rstd (B, T, 1)
    rstd = 1.0 / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps)
    return x * rstd * w, rstd


def rmsnorm_backward(dout, x, w, rstd):
    # dx = rstd * w * dout - x * rstd^3 * mean(w * dout * x); dw = sum over rows of dout * x * rstd
    norm = x * rstd
    dw = np.einsum("btc,btc->c", dout, norm)
    dnorm = dout * w
    dx = rstd * (dnorm - norm * np.mean(dnorm * norm, axis=-1, keepdims=True))
    return dx, dw


def matmul_forward(x, w):
    # x (..., in), w (out, in) -> (..., out)
    return x @ w.T


def matmul_backward(dout, x, w):
    # dx (..., in) = dout w; dw (out, in) = dout^T x, summed over all rows
    dx = dout @ w
    dw = dout.reshape(-1, dout.shape[-1]).T @ x.reshape(-1, x.shape[-1])
    return dx, dw


def rope_tables(t, hs, theta, dtype):
    # rotate-half (HuggingFace) layout: channel i of a head pairs with i + hs/2
    inv_freq = 1.0 / theta ** (np.arange(0, hs, 2, dtype=np.float64) / hs)
    angle = np.outer(np.arange(t, dtype=np.float64), inv_freq)  # (T, hs/2)
    return np.cos(angle).astype(dtype), np.sin(angle).astype(dtype)


def rope_forward(x, cos, sin):
    # x (B, NH, T, hs) -> each pair (x1, x2) rotated by the position's angle
    half = x.shape[-1] // 2
    x1, x2 = x[..., :half], x[..., half:]
    return np.concatenate((x1 * cos - x2 * sin, x2 * cos + x1 * sin), axis=-1)


def rope_backward(dout, cos, sin):
    # the transpose of the rotation: rotate back by the same angle
    half = dout.shape[-1] // 2
    d1, d2 = dout[..., :half], dout[..., half:]
    return np.concatenate((d1 * cos + d2 * sin, d2 * cos - d1 * sin), axis=-1)


def attention_forward(q, k, v, mask):
    # q, k, v (B, NH, T, hs) (q, k rotated) -> y (B, NH, T, hs), att (B, NH, T, T) probabilities
    scale = 1.0 / float(np.sqrt(q.shape[-1]))
    att = q @ k.swapaxes(-1, -2)
    att *= scale
    att += mask  # -inf above the diagonal
    att -= att.max(axis=-1, keepdims=True)
    np.exp(att, out=att)
    att /= att.sum(axis=-1, keepdims=True)
    return att @ v, att


def attention_backward(dy, att, q, k, v):
    # softmax backward: dscores = att * (datt - sum(att * datt)) * scale (zero where masked)
    scale = 1.0 / float(np.sqrt(q.shape[-1]))
    dv = att.swapaxes(-1, -2) @ dy
    datt = dy @ v.swapaxes(-1, -2)
    datt -= np.sum(att * datt, axis=-1, keepdims=True)
    datt *= att
    datt *= scale
    dq = datt @ k
    dk = datt.swapaxes(-1, -2) @ q
    return dq, dk, dv


def swiglu_forward(gate, up):
    # silu(gate) * up, silu(g) = g * sigmoid(g)
    return gate / (1.0 + np.exp(-gate)) * up


def swiglu_backward(dout, gate, up):
    sig = 1.0 / (1.0 + np.exp(-gate))
    dup = dout * gate * sig
    dgate = dout * up * sig * (1.0 + gate * (1.0 - sig))
    return dgate, dup


def crossentropy_forward(logits, targets):
    # logits (B, T, V), targets (B, T) -> mean loss over all positions, probabilities
    logits = logits - logits.max(axis=-1, keepdims=True)
    probs = np.exp(logits)
    sums = probs.sum(axis=-1, keepdims=True)
    probs /= sums
    target_logits = np.take_along_axis(logits, targets[..., None], axis=-1)
    loss = np.mean(np.log(sums) - target_logits)
    return loss, probs


def crossentropy_backward(probs, targets):
    # dlogits = (probs - onehot(target)) / N, in place over probs
    dlogits = probs
    b, t = targets.shape
    dlogits[np.arange(b)[:, None], np.arange(t)[None, :], targets] -= 1.0
    dlogits /= b * t
    return dlogits


# ----------------------------------------------------------------------------------------------
# the model

def heads(x, nh):
    # (B, T, C) -> (B, NH, T, hs), contiguous (a strided view would keep matmul off BLAS)
    b, t, c = x.shape
    return np.ascontiguousarray(x.reshape(b, t, nh, c // nh).transpose(0, 2, 1, 3))


def merge_heads(x):
    # (B, NH, T, hs) -> (B, T, C)
    b, nh, t, hs = x.shape
    return x.transpose(0, 2, 1, 3).reshape(b, t, nh * hs)


def forward(p, tokens, targets, cfg, rope, mask):
    """The training forward pass: returns the mean loss and the activations for backward."""
    L, NH, eps = cfg["L"], cfg["NH"], cfg["eps"]
    cos, sin = rope
    acts = []
    x = embedding_forward(tokens, p["embed"])
    for l in range(L):
        a = {"x": x}
        # attention norm
        a["ln1"], a["rstd1"] = rmsnorm_forward(x, p["attn_norm"][l], eps)
        # query, key, value projections, split into heads
        q = heads(matmul_forward(a["ln1"], p["wq"][l]), NH)
        k = heads(matmul_forward(a["ln1"], p["wk"][l]), NH)
        a["v"] = heads(matmul_forward(a["ln1"], p["wv"][l]), NH)
        # rotary position embeddings
        a["q"] = rope_forward(q, cos, sin)
        a["k"] = rope_forward(k, cos, sin)
        # causal self-attention
        y, a["att"] = attention_forward(a["q"], a["k"], a["v"], mask)
        a["y"] = merge_heads(y)
        # output projection and residual
        x2 = x + matmul_forward(a["y"], p["wo"][l])
        a["x2"] = x2
        # feed-forward norm
        a["ln2"], a["rstd2"] = rmsnorm_forward(x2, p["ffn_norm"][l], eps)
        # SwiGLU feed-forward and residual
        a["gate"] = matmul_forward(a["ln2"], p["w_gate"][l])
        a["up"] = matmul_forward(a["ln2"], p["w_up"][l])
        a["act"] = swiglu_forward(a["gate"], a["up"])
        x = x2 + matmul_forward(a["act"], p["w_down"][l])
        acts.append(a)
    # final norm
    lnf, rstdf = rmsnorm_forward(x, p["final_norm"], eps)
    # logits and loss
    logits = matmul_forward(lnf, p["lm_head"])
    loss, probs = crossentropy_forward(logits, targets)
    return loss, {"layers": acts, "x": x, "lnf": lnf, "rstdf": rstdf, "probs": probs}


def backward(p, g, tokens, targets, cfg, rope, acts):
    """The training backward pass, in the reverse order of forward: writes dloss/dparam into the
    gradient views g. Destroys the cached probabilities."""
    L, NH = cfg["L"], cfg["NH"]
    cos, sin = rope
    # loss and logits
    dlogits = crossentropy_backward(acts["probs"], targets)
    dlnf, g["lm_head"][...] = matmul_backward(dlogits, acts["lnf"], p["lm_head"])
    # final norm
    dx, g["final_norm"][...] = rmsnorm_backward(dlnf, acts["x"], p["final_norm"], acts["rstdf"])
    for l in reversed(range(L)):
        a = acts["layers"][l]
        # SwiGLU feed-forward (dx: d of the layer output)
        dact, g["w_down"][l] = matmul_backward(dx, a["act"], p["w_down"][l])
        dgate, dup = swiglu_backward(dact, a["gate"], a["up"])
        dln2, g["w_gate"][l] = matmul_backward(dgate, a["ln2"], p["w_gate"][l])
        dln2_up, g["w_up"][l] = matmul_backward(dup, a["ln2"], p["w_up"][l])
        dln2 += dln2_up
        # feed-forward norm (dx becomes d x2)
        dx2, g["ffn_norm"][l] = rmsnorm_backward(dln2, a["x2"], p["ffn_norm"][l], a["rstd2"])
        dx = dx + dx2
        # output projection
        dy, g["wo"][l] = matmul_backward(dx, a["y"], p["wo"][l])
        # causal self-attention
        dq, dk, dv = attention_backward(heads(dy, NH), a["att"], a["q"], a["k"], a["v"])
        # rotary position embeddings
        dq = merge_heads(rope_backward(dq, cos, sin))
        dk = merge_heads(rope_backward(dk, cos, sin))
        dv = merge_heads(dv)
        # query, key, value projections
        dln1, g["wq"][l] = matmul_backward(dq, a["ln1"], p["wq"][l])
        dln1_k, g["wk"][l] = matmul_backward(dk, a["ln1"], p["wk"][l])
        dln1_v, g["wv"][l] = matmul_backward(dv, a["ln1"], p["wv"][l])
        dln1 += dln1_k
        dln1 += dln1_v
        # attention norm (dx becomes d of the layer input)
        dx1, g["attn_norm"][l] = rmsnorm_backward(dln1, a["x"], p["attn_norm"][l], a["rstd1"])
        dx += dx1
    # token embedding
    g["embed"][...] = 0
    embedding_backward(g["embed"], dx, tokens)


# ----------------------------------------------------------------------------------------------
# AdamW over the flat arrays, decoupled weight decay on every tensor but the norms (drp.tiny.train.AdamW)

class AdamW:
    def __init__(self, flat, cfg, beta1=0.9, beta2=0.95, eps=1e-8, weight_decay=0.1):
        self.m = np.zeros_like(flat)
        self.v = np.zeros_like(flat)
        self.decay = np.zeros_like(flat)
        for name, view in views(self.decay, cfg).items():
            view[...] = 0.0 if is_norm(name) else weight_decay
        self.beta1, self.beta2, self.eps, self.t = beta1, beta2, eps, 0

    def update(self, flat, grad, lr):
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        # first and second moments
        self.m *= b1
        self.m += (1 - b1) * grad
        self.v *= b2
        self.v += (1 - b2) * (grad * grad)
        # bias correction, then the step with decoupled weight decay
        m_hat = self.m / (1 - b1 ** self.t)
        v_hat = self.v / (1 - b2 ** self.t)
        flat -= lr * (m_hat / (np.sqrt(v_hat) + self.eps) + self.decay * flat)


# ----------------------------------------------------------------------------------------------

def causal_mask(t, dtype):
    return np.triu(np.full((t, t), -np.inf, dtype=dtype), k=1)


def check():
    """Compares backward with central finite differences of forward, in float64, for every
    parameter tensor (every element), on a tiny model with weights large enough for every
    non-linearity to matter."""
    cfg = dict(V=11, C=8, L=2, NH=2, H=12, T_MAX=5, theta=10000.0, eps=1e-5)
    b, t, dtype = 2, 5, np.float64
    rng = np.random.default_rng(0)
    flat = initialize(cfg, rng, dtype, std=0.5)
    p = views(flat, cfg)
    for name, _ in param_shapes(cfg):
        if is_norm(name):
            p[name][...] += rng.normal(0.0, 0.2, size=p[name].shape)
    tokens = rng.integers(0, cfg["V"], size=(b, t))
    targets = rng.integers(0, cfg["V"], size=(b, t))
    rope = rope_tables(t, cfg["C"] // cfg["NH"], cfg["theta"], dtype)
    mask = causal_mask(t, dtype)

    grad = np.zeros_like(flat)
    g = views(grad, cfg)
    loss, acts = forward(p, tokens, targets, cfg, rope, mask)
    backward(p, g, tokens, targets, cfg, rope, acts)

    h = 1e-5
    numeric = np.zeros_like(flat)
    for i in range(flat.size):
        saved = flat[i]
        flat[i] = saved + h
        plus, _ = forward(p, tokens, targets, cfg, rope, mask)
        flat[i] = saved - h
        minus, _ = forward(p, tokens, targets, cfg, rope, mask)
        flat[i] = saved
        numeric[i] = (plus - minus) / (2 * h)
    n = views(numeric, cfg)

    print(f"finite-difference check: {flat.size} parameters, V={cfg['V']} C={cfg['C']} L={cfg['L']} "
          f"NH={cfg['NH']} H={cfg['H']} B={b} T={t}, float64, loss {loss:.6f}")
    print(f"  {'tensor':<11} {'shape':<12} {'max |grad|':>11} {'max abs err':>12} {'max rel err':>12}")
    worst = 0.0
    for name, shape in param_shapes(cfg):
        analytic, fd = g[name], n[name]
        err = np.abs(analytic - fd)
        # relative to the larger of the two; entries where both are exactly zero (embedding rows
        # of tokens not in the batch) agree exactly
        denom = np.maximum(np.abs(analytic), np.abs(fd))
        rel = np.where(denom > 0, err / np.where(denom > 0, denom, 1.0), 0.0).max()
        worst = max(worst, rel)
        print(f"  {name:<11} {str(shape):<12} {np.abs(analytic).max():11.3e} {err.max():12.3e} {rel:12.3e}")
    ok = worst < 1e-5
    print(f"max relative error {worst:.3e}: {'PASS' if ok else 'FAIL'} (threshold 1e-5)")
    return 0 if ok else 1


def blas_name():
    try:
        config = np.show_config(mode="dicts")
        blas = config["Build Dependencies"]["blas"]
        return f"{blas.get('name', '?')} {blas.get('version', '')}".strip()
    except Exception:  # older numpy: no dict mode
        return "unknown"


def bench(args):
    cfg, dtype = CONFIG, np.float32
    b, t = args.batch, args.seq
    rng = np.random.default_rng(1)
    flat = initialize(cfg, rng, dtype)
    p = views(flat, cfg)
    grad = np.zeros_like(flat)
    g = views(grad, cfg)
    adam = AdamW(flat, cfg)
    tokens = rng.integers(0, cfg["V"], size=(b, t))
    targets = rng.integers(0, cfg["V"], size=(b, t))
    rope = rope_tables(t, cfg["C"] // cfg["NH"], cfg["theta"], dtype)
    mask = causal_mask(t, dtype)
    print(f"numpy {np.__version__} training throughput: {parameter_count(cfg):,} parameters, B={b} T={t}, "
          f"{args.threads} threads, BLAS: {blas_name()}, Python {sys.version.split()[0]}")
    start = None
    for step in range(args.warmup + args.steps):
        if step == args.warmup:
            start = time.perf_counter()
        t0 = time.perf_counter()
        loss, acts = forward(p, tokens, targets, cfg, rope, mask)
        backward(p, g, tokens, targets, cfg, rope, acts)
        adam.update(flat, grad, 1e-3)
        print(f"step {step + 1:2d}{' (warm-up)' if step < args.warmup else ''} loss {loss:.4f}"
              f"  {1000 * (time.perf_counter() - t0):.0f} ms", flush=True)
    seconds = time.perf_counter() - start
    tokens_total = args.steps * b * t
    print(f"numpy training throughput: {parameter_count(cfg):,} parameters, B={b} T={t}, threads={args.threads}, "
          f"numpy {np.__version__} (BLAS: {blas_name()}), tokens/s: {tokens_total / seconds:.0f} "
          f"({args.steps} steps of {b * t} tokens in {seconds:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(check() if ARGS.check else bench(ARGS))
