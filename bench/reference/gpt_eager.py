#!/usr/bin/env python3
"""The PyTorch-eager reference of `verity bench --reference`.

The same model as engine/model/Transformer.java, op for op: pre-LayerNorm GPT, learned positions, q/k/v from one
linear layer, attention as matmul + additive mask + softmax + matmul, GELU MLP (4x), residuals, a final LayerNorm
and the output head tied to the token embedding. The same work as Verity's benchmark:

- sample: left-padded prompts (per-sequence positions, an additive key mask), prefill, then one token per step
  with a preallocated KV cache written in place, torch.multinomial at temperature 1, the end marker masked so
  every sequence gets exactly `new_tokens` tokens, and each sequence's log-probability summed;
- train: one policy-gradient step on prompt + response sequences (right-padded, causal attention): log-probs of
  the response tokens, loss = -mean_i(A_i * sum_t log p), backward, global grad-norm clip at 1, AdamW.

It is driven by Verity's benchmark over stdin/stdout, one JSON object per line, so that Verity and the reference
run alternately in one command on the same data:

  {"cmd": "init", "vocab": 19, "layers": 4, "heads": 4, "dim": 128, "context": 160, "threads": 2, "seed": 1}
  {"cmd": "sample", "prompts": [[ids...], ...], "new_tokens": 128}
  {"cmd": "train", "prompts": [[ids...], ...], "responses": [[ids...], ...], "advantages": [...]}
  {"cmd": "rss"}

Each reply is one JSON line: {"seconds": ..., "tokens": ...} (tokens: new tokens for sample, response tokens for
train), {"rss_mb": ..., "rss_peak_mb": ...}, or {"error": "..."}. Seconds are measured here, around the work alone (JSON parsing
excluded), as Verity measures its own.

Run by hand: python3 bench/reference/gpt_eager.py --demo [--threads 2] times both at the RL shape on random data.
"""

import json
import math
import os
import sys
import time

import torch
import torch.nn.functional as F


def openblas_core():
    """The kernel set OpenBLAS chose for this CPU, or "" when torch's BLAS is not OpenBLAS."""
    import ctypes
    path = blas()
    if "openblas" not in path:
        return ""
    try:
        library = ctypes.CDLL(path)
        library.openblas_get_corename.restype = ctypes.c_char_p
        return library.openblas_get_corename().decode()
    except (OSError, AttributeError):
        return ""


def cpu_flags():
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("flags"):
                return set(line.split(":", 1)[1].split())
    return set()


def with_fitting_openblas_kernels():
    """OpenBLAS picks its kernels by the CPU's model number, and a model newer than the library falls back to the
    generic Prescott kernels: on this project's Xeon (family 6, model 207) under Debian's OpenBLAS 0.3.21, gemm ran
    at 23 GFLOP/s on two threads instead of 178 with the SkylakeX kernels, and the reference trained ~4x slower. A
    fair reference runs the kernels the CPU's instruction sets allow, so when OpenBLAS fell back and the user chose
    none (OPENBLAS_CORETYPE), this process starts again with them; OpenBLAS reads the choice only when it loads."""
    if os.environ.get("OPENBLAS_CORETYPE") or openblas_core().lower() != "prescott":
        return
    core = fitting_kernels()
    if core:
        os.environ["OPENBLAS_CORETYPE"] = core
        sys.stdout.flush()
        os.execv(sys.executable, [sys.executable] + sys.argv)

def fitting_kernels():
    """The OpenBLAS kernel set this CPU's instruction sets allow, or None for the generic ones."""
    flags = cpu_flags()
    return "SkylakeX" if "avx512f" in flags else "Haswell" if {"avx2", "fma"} <= flags else None


def kernels_held_back():
    """OPENBLAS_CORETYPE when the user's environment sets AVX2 kernels on a CPU with AVX-512, else "": on this
    project's AMD EPYC (Zen 5), whose machine image sets OPENBLAS_CORETYPE=Haswell, gemm ran at ~150 GFLOP/s with
    them against ~220-240 with OpenBLAS's own choice (Cooperlake) or SkylakeX's, and the ratios flattered Verity."""
    chosen = os.environ.get("OPENBLAS_CORETYPE", "")
    if chosen and fitting_kernels() == "SkylakeX" and chosen.lower() in ("haswell", "zen", "sandybridge", "prescott"):
        return chosen
    return ""


PAD, BOS, EOS = 0, 1, 2
BLOCKED = -1e9  # as Transformer.BLOCKED: finite, so a fully masked padding row stays finite
LN_EPS = 1e-5


class Gpt:
    """Weights as plain tensors, in Parameters.layout's order; GPT-2 style initialisation (std 0.02)."""

    def __init__(self, vocab, layers, heads, dim, context, seed):
        g = torch.Generator().manual_seed(seed)
        self.heads, self.dim, self.context = heads, dim, context
        residual_std = 0.02 / math.sqrt(2 * layers)

        def normal(*shape, std=0.02):
            return (torch.randn(*shape, generator=g) * std).requires_grad_()

        def const(value, *shape):
            return torch.full(shape, float(value)).requires_grad_()

        self.wte = normal(vocab, dim)  # token embedding, tied with the output head
        self.wpe = normal(context, dim)  # learned positions
        self.blocks = []
        for _ in range(layers):
            self.blocks.append(dict(
                ln1_g=const(1, dim), ln1_b=const(0, dim),
                attn_w=normal(3 * dim, dim), attn_b=const(0, 3 * dim),  # q, k, v stacked; (out, in)
                proj_w=normal(dim, dim, std=residual_std), proj_b=const(0, dim),
                ln2_g=const(1, dim), ln2_b=const(0, dim),
                fc_w=normal(4 * dim, dim), fc_b=const(0, 4 * dim),
                out_w=normal(dim, 4 * dim, std=residual_std), out_b=const(0, dim)))
        self.lnf_g, self.lnf_b = const(1, dim), const(0, dim)
        causal = torch.full((context, context), BLOCKED).triu(1)  # 0 on and below the diagonal
        self.causal = causal

    def parameters(self):
        ps = [self.wte, self.wpe]
        for b in self.blocks:
            ps.extend(b.values())
        return ps + [self.lnf_g, self.lnf_b]

    def forward(self, tokens, positions, mask, cache=None):
        """tokens, positions (B, T) int64; mask additive, broadcastable to (B, H, T, S); returns (B, T, V)."""
        b, t = tokens.shape
        h, d = self.heads, self.dim
        hd = d // h
        scale = 1.0 / math.sqrt(hd)
        x = F.embedding(tokens, self.wte) + F.embedding(positions, self.wpe)  # (B, T, D)
        for i, w in enumerate(self.blocks):
            a = F.layer_norm(x, (d,), w["ln1_g"], w["ln1_b"], LN_EPS)  # (B, T, D)
            qkv = F.linear(a, w["attn_w"], w["attn_b"]).reshape(b, t, 3, h, hd).permute(2, 0, 3, 1, 4)
            q, k, v = qkv[0] * scale, qkv[1], qkv[2]  # (B, H, T, hd) each, q pre-scaled
            if cache is not None:
                k, v = cache.append(i, k, v)  # (B, H, S, hd)
            scores = q.matmul(k.transpose(-1, -2)) + mask  # (B, H, T, S)
            y = scores.softmax(-1).matmul(v)  # (B, H, T, hd)
            y = y.transpose(1, 2).reshape(b, t, d)  # (B, T, D)
            x = x + F.linear(y, w["proj_w"], w["proj_b"])
            m = F.layer_norm(x, (d,), w["ln2_g"], w["ln2_b"], LN_EPS)
            m = F.gelu(F.linear(m, w["fc_w"], w["fc_b"]))  # (B, T, 4D)
            x = x + F.linear(m, w["out_w"], w["out_b"])
        if cache is not None:
            cache.length += t
        x = F.layer_norm(x, (d,), self.lnf_g, self.lnf_b, LN_EPS)
        return F.linear(x, self.wte)  # (B, T, V), head tied to wte


class KvCache:
    """Keys and values preallocated to the full capacity, written in place (as engine/model/KvCache)."""

    def __init__(self, layers, batch, heads, capacity, head_dim):
        self.keys = [torch.zeros(batch, heads, capacity, head_dim) for _ in range(layers)]
        self.values = [torch.zeros(batch, heads, capacity, head_dim) for _ in range(layers)]
        self.length = 0

    def append(self, layer, k, v):
        t = k.shape[2]
        end = self.length + t
        self.keys[layer][:, :, self.length:end] = k
        self.values[layer][:, :, self.length:end] = v
        return self.keys[layer][:, :, :end], self.values[layer][:, :, :end]


@torch.no_grad()
def sample(model, prompts, new_tokens, generator):
    """KV-cache sampling of exactly new_tokens per prompt at temperature 1; returns the responses (B, N)."""
    rows = len(prompts)
    width = max(len(p) for p in prompts) + 1  # + BOS
    capacity = width + new_tokens
    ids = torch.zeros(rows, width, dtype=torch.int64)
    positions = torch.zeros(rows, width, dtype=torch.int64)
    key_mask = torch.zeros(rows, capacity)
    for r, p in enumerate(prompts):
        pad = width - 1 - len(p)
        ids[r, pad] = BOS
        ids[r, pad + 1:] = torch.tensor(p, dtype=torch.int64)
        positions[r, pad:] = torch.arange(0, width - pad)
        key_mask[r, :pad] = BLOCKED
    hd = model.dim // model.heads
    cache = KvCache(len(model.blocks), rows, model.heads, capacity, hd)
    mask = key_mask[:, :width].reshape(rows, 1, 1, width) + model.causal[:width, :width]  # (B, 1, T, T)
    logits = model.forward(ids, positions, mask, cache)[:, -1]  # (B, V)
    pos = positions[:, -1:]  # (B, 1)
    out = torch.empty(rows, new_tokens, dtype=torch.int64)
    log_probs = torch.zeros(rows)
    for s in range(new_tokens):
        logits[:, EOS] = -math.inf  # fixed length, as Verity's bench (min_tokens = max_tokens)
        logp = logits.log_softmax(-1)  # (B, V)
        token = torch.multinomial(logp.exp(), 1, generator=generator)  # (B, 1)
        log_probs += logp.gather(1, token).squeeze(1)
        out[:, s] = token.squeeze(1)
        if s == new_tokens - 1:
            break
        pos = pos + 1
        length = cache.length + 1
        mask = key_mask[:, :length].reshape(rows, 1, 1, length)
        logits = model.forward(token, pos, mask, cache)[:, -1]
    return out


def train_step(model, optimizer, prompts, responses, advantages):
    """One policy-gradient step: REINFORCE on response tokens, grad-norm clip 1, AdamW; returns the loss."""
    rows = len(prompts)
    seqs = [[BOS] + p + r for p, r in zip(prompts, responses)]
    width = max(len(s) for s in seqs) - 1
    longest = max(len(r) for r in responses)
    inputs = torch.zeros(rows, width, dtype=torch.int64)
    targets = torch.zeros(rows, width, dtype=torch.int64)
    index = torch.zeros(rows, longest, dtype=torch.int64)
    resp_mask = torch.zeros(rows, longest)
    for i, (p, r, s) in enumerate(zip(prompts, responses, seqs)):
        inputs[i, :len(s) - 1] = torch.tensor(s[:-1])
        targets[i, :len(s) - 1] = torch.tensor(s[1:])
        index[i, :len(r)] = torch.arange(len(p), len(p) + len(r))
        resp_mask[i, :len(r)] = 1
    adv = torch.tensor(advantages, dtype=torch.float32)
    positions = torch.arange(width).unsqueeze(0)
    logits = model.forward(inputs, positions, model.causal[:width, :width])  # (N, T, V)
    logp = logits.log_softmax(-1).gather(-1, targets.unsqueeze(-1)).squeeze(-1)  # (N, T)
    logp = logp.gather(1, index) * resp_mask  # (N, R) response tokens only
    loss = -(logp.sum(1) * adv).mean()
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
    return float(loss)


def status_mb(field):
    """A memory figure of this process from /proc/self/status: VmRSS now, VmHWM the peak."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) // 1024
    return -1


def rss_mb():
    return status_mb("VmRSS")


def blas():
    """The BLAS library this process mapped, links resolved. Debian's torch calls whichever libblas.so.3 the system
    chose: netlib's from libblas3 trains ~24x slower than OpenBLAS, and the ratio would mean nothing."""
    with open("/proc/self/maps") as f:
        for line in f:
            fields = line.split()
            if len(fields) >= 6 and "blas" in os.path.basename(fields[5]):
                return os.path.realpath(fields[5])
    return "none"


class Server:
    def __init__(self):
        self.model = None
        self.optimizer = None
        self.generator = None

    def handle(self, msg):
        cmd = msg["cmd"]
        if cmd == "init":
            torch.set_num_threads(int(msg["threads"]))
            self.model = Gpt(msg["vocab"], msg["layers"], msg["heads"], msg["dim"], msg["context"], msg["seed"])
            self.optimizer = torch.optim.AdamW(
                self.model.parameters(), lr=1e-4, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0)
            self.generator = torch.Generator().manual_seed(msg["seed"])
            return {"torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas(),
                    "blas_kernels": openblas_core(), "blas_kernels_held_back": kernels_held_back(),
                    "parameters": sum(p.numel() for p in self.model.parameters())}
        if cmd == "sample":
            prompts, n = msg["prompts"], int(msg["new_tokens"])
            t0 = time.perf_counter()
            sample(self.model, prompts, n, self.generator)
            return {"seconds": time.perf_counter() - t0, "tokens": len(prompts) * n}
        if cmd == "train":
            prompts, responses, adv = msg["prompts"], msg["responses"], msg["advantages"]
            t0 = time.perf_counter()
            train_step(self.model, self.optimizer, prompts, responses, adv)
            return {"seconds": time.perf_counter() - t0, "tokens": sum(len(r) for r in responses)}
        if cmd == "rss":
            return {"rss_mb": rss_mb(), "rss_peak_mb": status_mb("VmHWM")}
        raise ValueError("unknown command " + cmd)

    def serve(self):
        for line in sys.stdin:
            if not line.strip():
                continue
            try:
                reply = self.handle(json.loads(line))
            except Exception as e:  # reported to the benchmark, which prints it
                reply = {"error": type(e).__name__ + ": " + str(e)}
            sys.stdout.write(json.dumps(reply) + "\n")
            sys.stdout.flush()


def demo(threads, repeats=5):
    """Times both workloads at the RL shape on random prompts (no Verity needed)."""
    import random
    rnd = random.Random(5)
    server = Server()
    print(server.handle(dict(cmd="init", vocab=19, layers=4, heads=4, dim=128, context=160, threads=threads,
                             seed=1)))
    prompts = [[rnd.randrange(3, 19) for _ in range(rnd.randrange(6, 15))] for _ in range(256)]
    responses = [[rnd.randrange(3, 19) for _ in range(128)] for _ in range(256)]
    adv = [rnd.uniform(-1, 1) for _ in range(256)]
    for name, msg in (("sample", dict(cmd="sample", prompts=prompts, new_tokens=128)),
                      ("train", dict(cmd="train", prompts=prompts, responses=responses, advantages=adv))):
        times = []
        for r in range(repeats + 1):
            reply = server.handle(msg)
            if r > 0:  # the first is warm-up
                times.append(reply["seconds"])
        times.sort()
        print(f"{name}: median {times[len(times) // 2]:.3f} s, {reply['tokens'] / times[len(times) // 2]:.0f} tok/s")
    print(f"rss_mb: {rss_mb()}")


if __name__ == "__main__":
    with_fitting_openblas_kernels()
    if "--demo" in sys.argv:
        i = sys.argv.index("--threads") if "--threads" in sys.argv else -1
        demo(int(sys.argv[i + 1]) if i >= 0 else 2)
    else:
        Server().serve()
