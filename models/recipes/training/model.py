"""The user model (NRMS / PLM-NR style) over the frozen encoder's article vectors, written functionally so the
same code builds the training-step graph (forward + backward + Adam) and the inference graph.

Parameters (D = article dims, R = adapter rank, A = attention dims, H heads, P = additive-attention hidden):
  ad_down [D,R], ad_up [R,D] (0 at init), ad_bias [D]  news adapter  a' = a + (a·down)·up + bias
  wq, wk, wv [D,A], wo [A,D] (0 at init)                multi-head self-attention over the clicked articles
  wp [D,P], bp [P], qp [P]                              additive attention pooling
  pos_bias [L]                                          a learned logit per history position (recency)
  log_scale []                                          softmax temperature of the click logits
The adapter is linear, so user·adapt(a) = (user + up^T... ) folded: the inference graph returns the user vector
in the raw article space and the product scores candidates with a plain dot product.
"""
import math

import torch

D, R, A, H, P = 512, 64, 64, 4, 32
HIST, MAX_CANDS, BATCH = 50, 9, 64

PARAMS = [
    ("ad_down", [D, R]), ("ad_up", [R, D]), ("ad_bias", [D]),
    ("wq", [D, A]), ("wk", [D, A]), ("wv", [D, A]), ("wo", [A, D]),
    ("wp", [D, P]), ("bp", [P]), ("qp", [P]), ("pos_bias", [HIST]),
    ("log_scale", []),
]
NEG = -1e9
ZERO_INIT = ("ad_up", "wo", "ad_bias", "bp", "pos_bias")


def adapt(p, x):
    return x + (x @ p["ad_down"]) @ p["ad_up"] + p["ad_bias"]


def encode_user(p, hist, hmask):
    """hist [B,L,D], hmask [B,L] (1 = a click) -> user vector [B,D] in the adapted space."""
    x = adapt(p, hist)
    b, l, _ = x.shape
    dh = A // H
    q = (x @ p["wq"]).reshape(b, l, H, dh).transpose(1, 2)
    k = (x @ p["wk"]).reshape(b, l, H, dh).transpose(1, 2)
    v = (x @ p["wv"]).reshape(b, l, H, dh).transpose(1, 2)
    keymask = (1.0 - hmask)[:, None, None, :] * NEG
    att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(dh) + keymask, dim=-1)
    ctx = (att @ v).transpose(1, 2).reshape(b, l, A)
    out = x + ctx @ p["wo"]
    # (… * qp).sum, not `@ qp`: the exported backward of a matrix-vector product got the qp gradient wrong.
    e = (torch.tanh(out @ p["wp"] + p["bp"]) * p["qp"]).sum(-1) + p["pos_bias"][:l] + (1.0 - hmask) * NEG
    alpha = torch.softmax(e, dim=-1)
    return (alpha[:, :, None] * out).sum(1)


def user_in_raw_space(p, hist, hmask):
    """user·adapt(c) = (u + up^T down^T u)·c + u·bias: the last term is the same for every candidate."""
    u = encode_user(p, hist, hmask)
    return u + (u @ p["ad_up"].T) @ p["ad_down"].T


def batch_loss(p, hist, hmask, cands, cmask, weight):
    """cands [B,C,D] with the clicked article at 0, cmask [B,C], weight [B] (0 = padding row)."""
    u = encode_user(p, hist, hmask)
    c = adapt(p, cands)
    logits = torch.exp(p["log_scale"]) * (c @ u[:, :, None]).squeeze(-1) + (1.0 - cmask) * NEG
    nll = -torch.log_softmax(logits, dim=-1)[:, 0]
    return (nll * weight).sum() / torch.clamp(weight.sum(), min=1.0)


def init_params(seed):
    g = torch.Generator().manual_seed(seed)
    out = {}
    for name, shape in PARAMS:
        if name in ZERO_INIT:
            out[name] = torch.zeros(shape)
        elif name == "log_scale":
            out[name] = torch.tensor(math.log(10.0))
        else:
            out[name] = torch.randn(shape, generator=g) * (1.0 / math.sqrt(shape[0]))
    return out
