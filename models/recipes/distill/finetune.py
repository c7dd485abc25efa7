"""Stage 4: distil the teacher into the transplanted student (transplant.py) with the teacher run online.

The teacher is the exact PyTorch replica (teacher_torch.py), so every batch gets fresh teacher targets: final
vectors and the residual stream after each teacher layer. Texts get fresh word dropout with probability --aug.
Loss per batch (s, t: student / teacher unit vectors; h_i, x_i: student / teacher stream after layer i):
  mean(1 - cos(s, t)) + REL * mean((s s^T - t t^T)^2) + HID * sum_i mean((h_i - LN(x_i))^2)
The student stream after layer i is post-LayerNorm, the teacher's is not: LN(x) is the parameter-free layer norm.
The monitor (first 1000 distillation texts, never held-out articles) reports cosine and top-10 overlap.

Usage: python finetune.py --init runs/transplant/ckpt.pt --out runs/stage4 --minutes 60
"""
import argparse, json, math, os, random, sys, time
import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from student import Student, adamw, make_config, monitor_summary  # noqa: E402
from teacher_torch import Teacher, Batcher, layer_norm  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--init", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--texts", default="train,extra")
    ap.add_argument("--minutes", type=float, default=60)
    ap.add_argument("--bs", type=int, default=64)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--warmup", type=int, default=50)
    ap.add_argument("--rel", type=float, default=5.0)
    ap.add_argument("--hid", type=float, default=0.05)
    ap.add_argument("--aug", type=float, default=0.3, help="probability of fresh 15%% word dropout per text")
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--eval-every", type=int, default=200)
    a = ap.parse_args()

    torch.set_num_threads(a.threads)
    random.seed(a.seed); np.random.seed(a.seed); torch.manual_seed(a.seed)
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    texts = []
    for n in a.texts.split(","):
        texts += [json.loads(l)["text"] for l in open(os.path.join(HERE, "cache", n + ".jsonl"), encoding="utf-8") if l.strip()]
    mon, train = texts[:1000], texts[1000:]
    print(f"texts {len(train)} (+ {len(mon)} monitor)", flush=True)

    ck = torch.load(a.init, map_location="cpu", weights_only=False)
    model = Student(make_config(**ck["arch"]))
    model.load_state_dict(ck["state_dict"])
    teacher = Teacher()
    bt = Batcher(os.path.join(HERE, "cache", "tokenizer", "tokenizer.json"))

    def dropout(t):
        if rng.random() >= a.aug:
            return t
        w = t.split()
        kept = [x for x in w if rng.random() > 0.15]
        return " ".join(kept) if len(kept) >= 2 else t

    def evaluate():
        model.eval()
        ss, ts = [], []
        with torch.no_grad():
            for j in range(0, len(mon), 100):
                (x, m), (tx, tm) = bt.student(mon[j:j + 100]), bt.teacher(mon[j:j + 100])
                ss.append(model.embed(x, m)); ts.append(teacher(tx, tm))
        model.train()
        return monitor_summary(torch.cat(ss), torch.cat(ts))

    opt = adamw(model, a.lr)
    t0 = time.time()
    budget = 60 * a.minutes
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / a.warmup) * 0.5 * (1 + math.cos(math.pi * min(1.0, (time.time() - t0) / budget))))
    log = open(os.path.join(a.out, "train.log"), "a")
    def say(msg):
        print(msg, flush=True); log.write(msg + "\n"); log.flush()
    say(f"== start {vars(a)}; monitor {evaluate()}")

    order = list(range(len(train)))
    step, ep, acc = 0, 0, np.zeros(3)
    model.train()
    while time.time() - t0 < budget:
        rng.shuffle(order)
        # length-bucketed batches: sort chunks of 50 batches by length, shuffle the batches
        batches = []
        for i in range(0, len(order), a.bs * 50):
            c = sorted(order[i:i + a.bs * 50], key=lambda k: len(train[k]))
            batches += [c[j:j + a.bs] for j in range(0, len(c), a.bs)]
        rng.shuffle(batches)
        for b in batches:
            bt_texts = [dropout(train[k]) for k in b]
            (x, m), (tx, tm) = bt.student(bt_texts), bt.teacher(bt_texts)
            with torch.no_grad():
                t, states = teacher(tx, tm, return_states=True)
            out = model.bert(input_ids=x, attention_mask=m, output_hidden_states=True)
            y = model.proj(out.last_hidden_state)
            mf = m.unsqueeze(-1).to(y.dtype)
            s = nn.functional.normalize((y * mf).sum(1) / mf.sum(1), dim=-1)
            cos = (s * t).sum(-1)
            loss = (1 - cos).mean() + a.rel * ((s @ s.T - t @ t.T) ** 2).mean()
            hid = torch.zeros(())
            if a.hid:
                tmask = tm.bool()
                for i in (1, 2):  # student position p+1 holds teacher position p (student starts with <s>)
                    h = out.hidden_states[i][:, 1:1 + tx.shape[1]]
                    hid = hid + ((h - layer_norm(states[i])) ** 2)[tmask].mean()
                loss = loss + a.hid * hid
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step(); sched.step(); step += 1
            acc += (loss.item(), cos.mean().item(), hid.item())
            if step % 50 == 0:
                say(f"ep {ep} step {step} loss {acc[0]/50:.4f} cos {acc[1]/50:.4f} hid {acc[2]/50:.4f} lr {sched.get_last_lr()[0]:.2e} {time.time()-t0:.0f}s")
                acc[:] = 0
            if step % a.eval_every == 0:
                say(f"-- step {step} monitor {evaluate()}")
                torch.save({"arch": ck["arch"], "state_dict": model.state_dict(), "args": vars(a), "step": step},
                           os.path.join(a.out, "ckpt.pt"))
            if time.time() - t0 >= budget:
                break
        ep += 1
    say(f"== done step {step} epochs {ep} monitor {evaluate()} {time.time()-t0:.0f}s")
    torch.save({"arch": ck["arch"], "state_dict": model.state_dict(), "args": vars(a), "step": step},
               os.path.join(a.out, "ckpt.pt"))


if __name__ == "__main__":
    main()
