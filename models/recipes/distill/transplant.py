"""Stage 4 initialisation: write the teacher's weights into a post-LN BertModel (2 layers x 512, 4 heads of 128,
FFN 1536 relu, LN eps 1e-6) + the linear head, so training starts from (an approximation of) the teacher itself.

The student's residual stream after each sub-layer stands for the teacher's stream x after layer-normalisation
without parameters, N(x) (post-LN BERT normalises the stream; the pre-LN teacher does not):
- embeddings: word[id] = 2 E[id] R, position[p] = timing(p - 1) R (position 0 is <s>), token type = R's bias,
  so the embedding sum is the teacher's layer-0 residual input x0 R + r (R = the 256->512 dense).
- attention / FFN inputs: the teacher's LN(x) = g * N(x) + b is folded into the Q, K, V and FFN input weights.
  Layer 0's attention reads LN(x0) over 256 dims, which N(x0 R + r) does not determine exactly: a linear map
  from the student's stream is fitted by least squares on distillation texts.
- attention / FFN outputs: the student adds them to N(x) instead of x, so they are divided by x's standard
  deviation; that is per token in the teacher, a constant here (the mean over distillation-text tokens).
- layer-0 heads of 64 sit in heads of 128 (zero-padded; queries scaled for BERT's 1/sqrt(128)).
- head: the teacher ends with tanh(mean(x) W + b); the student's linear head is fitted by least squares from its
  own pooled stream to the teacher's vectors.
Usage: python transplant.py runs/transplant/ckpt.pt [--fit 3000]
"""
import argparse, json, math, os, sys
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from student import Student, make_config  # noqa: E402
from teacher_torch import Teacher, Batcher, layer_norm  # noqa: E402

ARCH = dict(hidden=512, layers=2, heads=4, intermediate=1536, max_pos=128, dropout=0.0, act="relu", eps=1e-6)


def lstsq_affine(X, Y):
    """least-squares W, b with X W + b ~ Y. In float64 with the SVD solver: X is rank-deficient (a layer-normalised
    stream has zero mean, so its columns and the ones column are dependent), and float32 QR (torch's default) gave
    a different, worse fit from run to run."""
    sol = torch.linalg.lstsq(torch.cat([X, torch.ones(len(X), 1)], 1).double(), Y.double(), driver="gelsd").solution.float()
    return sol[:-1], sol[-1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--fit", type=int, default=3000, help="distillation texts used for the fitted parts")
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    T, bt = Teacher(), Batcher(os.path.join(HERE, "cache", "tokenizer", "tokenizer.json"))
    distill = [json.loads(l)["text"] for l in open(os.path.join(HERE, "cache", "train.jsonl"), encoding="utf-8")]
    check, texts = distill[:1000], distill[1000:1000 + a.fit]  # finetune.py's monitor texts, then the fit texts
    d0, d1 = T.layers

    # teacher streams on the fit texts (valid tokens only)
    acts = {k: [] for k in ("r0", "ln_x0", "x1", "x1f", "x2")}
    with torch.no_grad():
        for i in range(0, len(texts), 100):
            ids, m = bt.teacher(texts[i:i + 100])
            mf, sel = m.float(), m.bool()
            _, (x0, x1f, _) = T(ids, m, return_states=True)
            r0 = x0 @ d0["res_w"] + d0["res_b"]
            x1 = r0 + T.attention(d0, layer_norm(x0, d0["ln_g"], d0["ln_b"]), mf)
            x2 = x1f + T.attention(d1, layer_norm(x1f, d1["ln_g"], d1["ln_b"]), mf)
            for k, v in (("r0", r0), ("ln_x0", layer_norm(x0, d0["ln_g"], d0["ln_b"])), ("x1", x1), ("x1f", x1f), ("x2", x2)):
                acts[k].append(v[sel])
    acts = {k: torch.cat(v) for k, v in acts.items()}
    inv_std = {k: (1 / torch.sqrt(v.var(-1, unbiased=False) + 1e-6)).mean().item() for k, v in acts.items() if k != "ln_x0"}

    model = Student(make_config(**ARCH))
    H = ARCH["hidden"]
    with torch.no_grad():
        E = model.bert.embeddings
        E.word_embeddings.weight.copy_((2 * T.emb[:8000]) @ d0["res_w"])
        E.position_embeddings.weight.copy_(torch.cat([torch.zeros(1, H), T.timing_signal(127) @ d0["res_w"]]))
        E.token_type_embeddings.weight.copy_(d0["res_b"][None])
        G, g = lstsq_affine(layer_norm(acts["r0"]), acts["ln_x0"])
        fit = torch.nn.functional.cosine_similarity(layer_norm(acts["r0"]) @ G + g, acts["ln_x0"]).mean().item()

        def set_attention(layer, d, in_w, in_b, out_scale):
            """teacher attention on (stream @ in_w + in_b) -> BERT self-attention + output dense"""
            nh, dh = d["heads"], d["dh"]
            hd = H // ARCH["heads"]
            for lin, j, sc in ((layer.attention.self.query, 0, d["scale"] * math.sqrt(hd)),
                               (layer.attention.self.key, 1, 1.0), (layer.attention.self.value, 2, 1.0)):
                Wt = d["qkv_w"][:, j * nh * dh:(j + 1) * nh * dh]
                bt_ = d["qkv_b"][j * nh * dh:(j + 1) * nh * dh]
                W, b = torch.zeros(in_w.shape[0], H), torch.zeros(H)
                for h in range(nh):
                    cols = slice(h * dh, (h + 1) * dh)
                    W[:, h * hd:h * hd + dh] = in_w @ Wt[:, cols] * sc
                    b[h * hd:h * hd + dh] = (in_b @ Wt[:, cols] + bt_[cols]) * sc
                lin.weight.copy_(W.T); lin.bias.copy_(b)
            Wo = torch.zeros(H, H)
            for h in range(nh):
                Wo[h * hd:h * hd + dh] = d["o_w"][h * dh:(h + 1) * dh]
            out = layer.attention.output
            out.dense.weight.copy_((Wo * out_scale).T); out.dense.bias.copy_(d["o_b"] * out_scale)

        def set_ffn(layer, d, out_scale):
            layer.intermediate.dense.weight.copy_((d["fln_g"][:, None] * d["w1"]).T)
            layer.intermediate.dense.bias.copy_(d["fln_b"] @ d["w1"] + d["b1"])
            layer.output.dense.weight.copy_((d["w2"] * out_scale).T); layer.output.dense.bias.copy_(d["b2"] * out_scale)

        L0, L1 = model.bert.encoder.layer
        set_attention(L0, d0, G, g, inv_std["r0"])
        set_ffn(L0, d0, inv_std["x1"])
        set_attention(L1, d1, torch.diag(d1["ln_g"]), d1["ln_b"], inv_std["x1f"])
        set_ffn(L1, d1, inv_std["x2"])
        for ln in (E.LayerNorm, L0.attention.output.LayerNorm, L0.output.LayerNorm, L1.attention.output.LayerNorm, L1.output.LayerNorm):
            ln.weight.fill_(1); ln.bias.zero_()

        model.eval()
        feats, target = [], []
        for i in range(0, len(texts), 100):
            x, m = bt.student(texts[i:i + 100])
            h = model.bert(input_ids=x, attention_mask=m).last_hidden_state
            mf = m[..., None].float()
            feats.append((h * mf).sum(1) / mf.sum(1))
            target.append(T(*bt.teacher(texts[i:i + 100])))
        P, p = lstsq_affine(torch.cat(feats), torch.cat(target))
        model.proj.weight.copy_(P.T); model.proj.bias.copy_(p)
        s = torch.cat([model.embed(*bt.student(check[i:i + 100])) for i in range(0, 1000, 100)])
        t = torch.cat([T(*bt.teacher(check[i:i + 100])) for i in range(0, 1000, 100)])
    report = {"fit_texts": len(texts), "layer0_input_fit_cosine": round(fit, 4), "monitor_cosine": round((s * t).sum(-1).mean().item(), 4),
              "inv_std": {k: round(v, 4) for k, v in inv_std.items()}}
    print(json.dumps(report))
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    torch.save({"arch": ARCH, "state_dict": model.state_dict(), "transplant": report}, a.out)


if __name__ == "__main__":
    main()
