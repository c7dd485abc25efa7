"""Distil USE-lite (teacher, 512-d) into a compact BERT student.

Loss (per batch of B texts, s = student L2-normalised mean-pooled 512-d output, t = teacher vector):
  L = mean(1 - cos(s, t)) + REL * mean((s s^T - t t^T)^2)
      + KL * tau-softmax distillation over a bank of K teacher vectors (--bank K, --kl W, --tau T):
        KL( softmax(t A^T / tau) || softmax(s A^T / tau) ),  A = K teacher vectors of other distillation texts,
        drawn afresh each step (costs one B x 512 x K product, no student forward for the bank)
The relational term preserves the in-batch similarity structure; the bank term puts the weight on each text's
nearest teacher neighbours among thousands (what top-10 neighbour overlap measures), which a batch of B cannot.
The monitor (first 1000 distillation texts, never held-out articles) reports cosine and top-10 overlap.

Usage: python train.py --out runs/main [--epochs N] [--seed 1234]
Inputs (cache/, produced by prepare_data.py and teacher/embed.mjs):
  shard0.jsonl + shard0.teacher.f32, shard1.jsonl + shard1.teacher.f32
"""
import argparse, json, math, os, random, sys, time
import numpy as np
import torch
from torch import nn
from tokenizers import Tokenizer

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from student import Student, adamw, make_config, monitor_summary  # noqa: E402
from teacher_torch import teacher_weights  # noqa: E402

def load_texts(names):
    """names: "shard0,shard1:25000" -> all of shard0, the first 25000 texts of shard1
    (a prefix of a shard may be read from the teacher's .partial output, which is written in order)."""
    texts, vecs = [], []
    for spec in names:
        n, _, lim = spec.partition(":")
        t = [json.loads(l)["text"] for l in open(os.path.join(HERE, "cache", n + ".jsonl"), encoding="utf-8") if l.strip()]
        f = os.path.join(HERE, "cache", n + ".teacher.f32")
        if not os.path.exists(f):
            f += ".partial"
        v = np.fromfile(f, dtype=np.float32)
        v = v[: (len(v) // 512) * 512].reshape(-1, 512)
        if lim:
            t, v = t[: int(lim)], v[: int(lim)]
        assert len(t) == len(v), (n, len(t), len(v))
        texts += t
        vecs.append(v)
    return texts, np.concatenate(vecs)


def batches(lengths, bs, rng):
    """length-bucketed batches: sort within chunks of 50 batches, shuffle batch order."""
    idx = np.arange(len(lengths))
    rng.shuffle(idx)
    out = []
    chunk = bs * 50
    for i in range(0, len(idx), chunk):
        c = idx[i:i + chunk]
        c = c[np.argsort(lengths[c], kind="stable")]
        out += [c[j:j + bs] for j in range(0, len(c), bs)]
    rng.shuffle(out)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(HERE, "runs", "main"))
    ap.add_argument("--shards", default="shard0,shard1")
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--bs", type=int, default=64)
    ap.add_argument("--lr", type=float, default=6e-4)
    ap.add_argument("--rel", type=float, default=5.0)
    ap.add_argument("--hidden", type=int, default=256)
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--intermediate", type=int, default=1024)
    ap.add_argument("--max-len", type=int, default=128)
    ap.add_argument("--dropout", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="debug: use only N texts")
    ap.add_argument("--init", default=None, help="continue from this checkpoint (stage 2, stage 3)")
    ap.add_argument("--bank", type=int, default=0, help="teacher vectors per step for the KL term (0 = off)")
    ap.add_argument("--kl", type=float, default=1.0)
    ap.add_argument("--tau", type=float, default=0.05)
    ap.add_argument("--warmup", type=int, default=0, help="warm-up steps (default 4%% of the planned steps)")
    ap.add_argument("--eval-every", type=int, default=0, help="also evaluate the monitor every N steps")
    ap.add_argument("--minutes", type=float, default=0,
                    help="wall-clock budget: the cosine schedule follows elapsed time instead of steps and training "
                         "stops when the budget is spent (for a shared machine whose speed is unknown in advance; "
                         "the steps actually run and their LR are in train.log)")
    a = ap.parse_args()

    torch.set_num_threads(a.threads)
    random.seed(a.seed); np.random.seed(a.seed); torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    os.makedirs(a.out, exist_ok=True)

    tok = Tokenizer.from_file(os.path.join(HERE, "cache", "tokenizer", "tokenizer.json"))
    tok.enable_truncation(a.max_len)
    texts, tvecs = load_texts(a.shards.split(","))
    if a.limit:
        texts, tvecs = texts[:a.limit], tvecs[:a.limit]
    enc = tok.encode_batch(texts)
    ids = [np.array(e.ids, dtype=np.int64) for e in enc]
    lengths = np.array([len(x) for x in ids])
    print(f"texts {len(texts)}  tokens/text mean {lengths.mean():.1f} p95 {np.percentile(lengths, 95):.0f} max {lengths.max()}", flush=True)
    # small monitoring set carved from the distillation texts (NOT the held-out articles)
    mon = np.arange(min(1000, len(texts) // 10))
    train_idx = np.arange(len(mon), len(texts))

    arch = dict(hidden=a.hidden, layers=a.layers, heads=a.heads, intermediate=a.intermediate,
                max_pos=a.max_len, dropout=a.dropout)
    cfg = make_config(**arch)
    model = Student(cfg)
    emb = teacher_weights()["module/Embeddings_en"][:8000]
    with torch.no_grad():
        if a.hidden == emb.shape[1]:
            model.bert.embeddings.word_embeddings.weight.copy_(torch.from_numpy(emb))
        else:  # random projection of the teacher embeddings to the student width
            P = torch.randn(emb.shape[1], a.hidden) / math.sqrt(emb.shape[1])
            model.bert.embeddings.word_embeddings.weight.copy_(torch.from_numpy(emb) @ P)
    if a.init:
        ck = torch.load(a.init, map_location="cpu", weights_only=False)
        assert ck["arch"]["hidden"] == a.hidden and ck["arch"]["layers"] == a.layers
        model.load_state_dict(ck["state_dict"])
        print("initialised from", a.init, flush=True)
    print("params", sum(p.numel() for p in model.parameters()), flush=True)

    def collate(bidx):
        L = max(lengths[i] for i in bidx)
        x = np.full((len(bidx), L), 3, dtype=np.int64)
        m = np.zeros((len(bidx), L), dtype=np.int64)
        for r, i in enumerate(bidx):
            x[r, :lengths[i]] = ids[i]
            m[r, :lengths[i]] = 1
        return torch.from_numpy(x), torch.from_numpy(m), torch.from_numpy(tvecs[bidx])

    steps_per_epoch = math.ceil(len(train_idx) / a.bs)
    total = steps_per_epoch * a.epochs
    warm = a.warmup or max(1, int(0.04 * total))
    opt = adamw(model, a.lr)
    t0 = time.time()
    budget_s = 60 * a.minutes
    def progress(s):
        return min(1.0, (time.time() - t0) / budget_s) if budget_s else min(1.0, s / total)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, 0.5 * (1 + math.cos(math.pi * progress(s)))))

    tnorm = torch.from_numpy(tvecs[train_idx])
    tnorm = nn.functional.normalize(tnorm, dim=-1)
    brng = torch.Generator().manual_seed(a.seed)

    def bank_kl(s, t):
        A = tnorm[torch.randint(len(tnorm), (a.bank,), generator=brng)]
        p = nn.functional.log_softmax(t @ A.T / a.tau, dim=-1)
        q = nn.functional.log_softmax(s @ A.T / a.tau, dim=-1)
        return nn.functional.kl_div(q, p, log_target=True, reduction="batchmean")

    def evaluate():
        """monitor: mean cosine and top-10 neighbour overlap among the monitor texts."""
        model.eval()
        ss, ts = [], []
        with torch.no_grad():
            for j in range(0, len(mon), 128):
                x, m, t = collate(mon[j:j + 128])
                ss.append(model.embed(x, m)); ts.append(nn.functional.normalize(t, dim=-1))
        model.train()
        return monitor_summary(torch.cat(ss), torch.cat(ts))

    step = 0
    log = open(os.path.join(a.out, "train.log"), "a")
    msg = f"== start, monitor {evaluate()}"
    print(msg, flush=True); log.write(msg + "\n"); log.flush()
    for ep in range(a.epochs):
        model.train()
        tot_l = tot_c = 0.0
        for bidx in batches(lengths[train_idx], a.bs, rng):
            x, m, t = collate(train_idx[bidx])
            s = model.embed(x, m)
            t = nn.functional.normalize(t, dim=-1)
            cos = (s * t).sum(-1)
            loss = (1 - cos).mean() + a.rel * ((s @ s.T - t @ t.T) ** 2).mean()
            if a.bank:
                loss = loss + a.kl * bank_kl(s, t)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step(); sched.step(); step += 1
            tot_l += loss.item(); tot_c += cos.mean().item()
            if step % 50 == 0:
                msg = f"ep {ep} step {step}/{total} loss {tot_l/50:.4f} cos {tot_c/50:.4f} lr {sched.get_last_lr()[0]:.2e} {time.time()-t0:.0f}s"
                print(msg, flush=True); log.write(msg + "\n"); log.flush()
                tot_l = tot_c = 0.0
            if budget_s and time.time() - t0 >= budget_s:
                break
            if a.eval_every and step % a.eval_every == 0:
                msg = f"-- step {step} monitor {evaluate()}"
                print(msg, flush=True); log.write(msg + "\n"); log.flush()
        msg = f"== epoch {ep} done, monitor {evaluate()}, {time.time()-t0:.0f}s"
        print(msg, flush=True); log.write(msg + "\n"); log.flush()
        torch.save({"arch": arch, "state_dict": model.state_dict(), "args": vars(a), "epoch": ep, "step": step}, os.path.join(a.out, "ckpt.pt"))
        if budget_s and time.time() - t0 >= budget_s:
            break
    print("done", time.time() - t0, flush=True)


if __name__ == "__main__":
    main()
