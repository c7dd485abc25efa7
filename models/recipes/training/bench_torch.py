"""One epoch of the user model on PyTorch CPU, for `npm run bench -- train` (the same model, data and batch
order as the ONNX Runtime run). Usage: bench_torch.py DATA_DIR THREADS; prints one JSON line.

DATA_DIR holds vectors.f32 [V,512], hist.i32 [N,50] and cands.i32 [N,9] (-1 = empty slot), order.i32 [N]."""
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
import model as M  # noqa: E402


def main():
    data, threads = sys.argv[1], int(sys.argv[2])
    torch.set_num_threads(threads)
    vectors = torch.from_numpy(np.fromfile(os.path.join(data, "vectors.f32"), dtype=np.float32).reshape(-1, M.D))
    hist_idx = torch.from_numpy(np.fromfile(os.path.join(data, "hist.i32"), dtype=np.int32).reshape(-1, M.HIST)).long()
    cand_idx = torch.from_numpy(np.fromfile(os.path.join(data, "cands.i32"), dtype=np.int32).reshape(-1, M.MAX_CANDS)).long()
    order = torch.from_numpy(np.fromfile(os.path.join(data, "order.i32"), dtype=np.int32)).long()
    padded = torch.cat([vectors, torch.zeros(1, M.D)])  # index -1 -> the zero row
    p = {k: v.clone().requires_grad_(True) for k, v in M.init_params(1).items()}
    opt = torch.optim.AdamW(p.values(), lr=1e-3, eps=1e-7, weight_decay=0.01)
    steps = 0
    start = time.perf_counter()
    for b in range(0, len(order), M.BATCH):
        ids = order[b:b + M.BATCH]
        n = len(ids)
        h = torch.zeros(M.BATCH, M.HIST, dtype=torch.long).fill_(-1)
        c = torch.zeros(M.BATCH, M.MAX_CANDS, dtype=torch.long).fill_(-1)
        h[:n], c[:n] = hist_idx[ids], cand_idx[ids]
        hist, cands = padded[h], padded[c]
        hmask, cmask = (h >= 0).float(), (c >= 0).float()
        weight = torch.zeros(M.BATCH)
        weight[:n] = 1
        loss = M.batch_loss(p, hist, hmask, cands, cmask, weight)
        opt.zero_grad()
        loss.backward()
        opt.step()
        steps += 1
    print(json.dumps({"seconds": time.perf_counter() - start, "steps": steps, "loss": float(loss)}))


if __name__ == "__main__":
    main()
