"""Checks the exported step graph against eager PyTorch (needs onnxruntime in the venv): every output of one
Adam step from random parameters, moments and a batch with gaps in its history masks."""
import os
import sys

import numpy as np
import onnxruntime as ort
import torch

sys.path.insert(0, os.path.dirname(__file__))
import export as E  # noqa: E402
import model as M  # noqa: E402

p = M.init_params(0)
params = [p[n] for n in E.NAMES]
g = torch.Generator().manual_seed(3)
ms = [torch.randn(x.shape, generator=g) * 0.01 for x in params]
vs = [torch.rand(x.shape, generator=g) * 0.01 for x in params]
args = (*params, *ms, *vs, torch.tensor(3.0), torch.tensor(3e-3), torch.tensor(0.05), *E.example_batch(M.BATCH))
expected = E.step(*args)
s = ort.InferenceSession(os.path.join(E.OUT, "step.onnx"))
got = s.run(None, {i.name: a.numpy() for i, a in zip(s.get_inputs(), args)})
worst = 0.0
for o, a, b in zip(s.get_outputs(), got, expected):
    d = float(np.abs(a - b.numpy()).max() / (1e-6 + np.abs(b.numpy()).max()))
    worst = max(worst, d)
    if d > 1e-4:
        print("MISMATCH", o.name, d)
print("worst relative difference", worst)
sys.exit(1 if worst > 1e-4 else 0)
