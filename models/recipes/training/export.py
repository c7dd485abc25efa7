"""Builds models/training/<name>/: step.onnx (loss + gradients + Adam update), infer.onnx (user vector in the
article space) and spec.json. Run: models/recipes/distill/.venv/bin/python models/recipes/training/export.py

Route: make_fx traces forward + torch.autograd.grad + the Adam update into one aten graph (the joint
forward/backward graph), which torch.onnx.export (dynamo) turns into ONNX. Shapes are fixed (batch, history
and candidate slots are padded and masked), so the graphs need no dynamic shapes.
"""
import json
import os
import sys

import torch
from torch.fx.experimental.proxy_tensor import make_fx

sys.path.insert(0, os.path.dirname(__file__))
import model as M  # noqa: E402
import strip_paths  # noqa: E402

NAME = "nrms-user-v1"
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "training", NAME)
# eps 1e-7, not 1e-8: the ONNX optimizer folds `x + c` away when allclose(c, 0), whose atol is 1e-8.
B1, B2, EPS = 0.9, 0.999, 1e-7
N = len(M.PARAMS)
NAMES = [n for n, _ in M.PARAMS]


def step(*args):
    params, ms, vs = args[:N], args[N:2 * N], args[2 * N:3 * N]
    t, lr, wd, hist, hmask, cands, cmask, weight = args[3 * N:]
    with torch.enable_grad():
        ps = [p.detach().requires_grad_(True) for p in params]
        loss = M.batch_loss(dict(zip(NAMES, ps)), hist, hmask, cands, cmask, weight)
        grads = torch.autograd.grad(loss, ps)
    new_p, new_m, new_v = [], [], []
    for p, m, v, g in zip(params, ms, vs, grads):
        m2 = B1 * m + (1 - B1) * g
        v2 = B2 * v + (1 - B2) * g * g
        mhat = m2 / (1 - torch.pow(torch.tensor(B1), t))
        vhat = v2 / (1 - torch.pow(torch.tensor(B2), t))
        # AdamW: decoupled weight decay pulls toward 0, i.e. toward plain additive pooling of the raw vectors.
        new_p.append(p - lr * (mhat / (torch.sqrt(vhat) + EPS) + wd * p))
        new_m.append(m2)
        new_v.append(v2)
    return (loss.detach(), *[g.detach() for g in grads], *new_p, *new_m, *new_v)


class Wrap(torch.nn.Module):
    def __init__(self, gm):
        super().__init__()
        self.gm = gm

    def forward(self, *args):
        return self.gm(*args)


class Infer(torch.nn.Module):
    def forward(self, *args):
        p = dict(zip(NAMES, args[:N]))
        return M.user_in_raw_space(p, args[N], args[N + 1])


def example_batch(b):
    g = torch.Generator().manual_seed(0)
    hist = torch.randn(b, M.HIST, M.D, generator=g)
    hmask = (torch.rand(b, M.HIST, generator=g) > 0.3).float()
    cands = torch.randn(b, M.MAX_CANDS, M.D, generator=g)
    cmask = torch.ones(b, M.MAX_CANDS)
    weight = torch.ones(b)
    return hist, hmask, cands, cmask, weight


def main():
    os.makedirs(OUT, exist_ok=True)
    p = M.init_params(0)
    params = [p[n] for n in NAMES]
    # Distinct tensors for m and v: make_fx merges inputs that alias each other.
    ms = [torch.zeros_like(x) for x in params]
    vs = [torch.zeros_like(x) for x in params]
    hist, hmask, cands, cmask, weight = example_batch(M.BATCH)
    args = (*params, *ms, *vs, torch.tensor(1.0), torch.tensor(1e-3), torch.tensor(0.01), hist, hmask, cands, cmask, weight)
    gm = make_fx(step, tracing_mode="real")(*args)
    gm.eval()
    in_names = NAMES + [f"m.{n}" for n in NAMES] + [f"v.{n}" for n in NAMES] + ["adam_step", "lr", "weight_decay", "hist", "hmask", "cands", "cmask", "weight"]
    out_names = ["loss"] + [f"grad.{n}" for n in NAMES] + [f"new.{n}" for n in NAMES] + [f"new_m.{n}" for n in NAMES] + [f"new_v.{n}" for n in NAMES]
    step_path = os.path.join(OUT, "step.onnx")
    torch.onnx.export(Wrap(gm).eval(), args, step_path, input_names=in_names, output_names=out_names, dynamo=True, external_data=False, optimize=True)

    ib = 8
    ih, im = example_batch(ib)[:2]
    batch = torch.export.Dim("batch", min=1, max=4096)
    dyn = tuple([None] * N + [{0: batch}, {0: batch}])
    torch.onnx.export(Infer().eval(), (*params, ih, im), os.path.join(OUT, "infer.onnx"),
                      input_names=NAMES + ["hist", "hmask"], output_names=["user"], dynamo=True,
                      dynamic_shapes=(dyn,), external_data=False, optimize=True)
    # The exporter stores Python stack traces (with this machine's paths) on every node; they are debug info only.
    for graph in ("step.onnx", "infer.onnx"):
        strip_paths.strip(os.path.join(OUT, graph))

    # Reference values for the TS tests: loss, and one Adam step, on the example batch with seed-0 params.
    out = step(*args)
    spec = {
        "name": NAME,
        "dims": M.D, "history": M.HIST, "maxCandidates": M.MAX_CANDS, "batch": M.BATCH,
        "adam": {"beta1": B1, "beta2": B2, "eps": EPS},
        "params": [{"name": n, "shape": s, "init": ("zeros" if n in M.ZERO_INIT else "log10" if n == "log_scale" else "normal")} for n, s in M.PARAMS],
        "heads": M.H, "attentionDims": M.A, "reference": {"loss": float(out[0])},
    }
    with open(os.path.join(OUT, "spec.json"), "w") as f:
        json.dump(spec, f, indent=2)
    print("wrote", OUT, {k: os.path.getsize(os.path.join(OUT, k)) for k in os.listdir(OUT)})


if __name__ == "__main__":
    main()
