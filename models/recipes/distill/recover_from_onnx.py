"""Recover a PyTorch Student checkpoint from an exported ONNX graph (the shipped fp16 export).

Stage 3 continues from the shipped stage-2 weights; the stage-2 PyTorch checkpoint itself was not kept
(runs/ is not committed), so it is rebuilt here from `model_fp16.onnx`: named initialisers map to the
state_dict directly, the anonymous MatMul weights are matched through the Add node that adds a named bias
(ONNX keeps W^T for a Linear). The weights are fp16-rounded; parity with the ONNX graph is checked.

Usage: python recover_from_onnx.py <model_fp16.onnx> <config.json> <out ckpt.pt>
"""
import json, os, sys
import numpy as np
import onnx
import torch
from onnx import numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from student import Student, make_config  # noqa: E402


def recover(onnx_path, cfg_json):
    m = onnx.load(onnx_path)
    inits = {i.name: numpy_helper.to_array(i).astype(np.float32) for i in m.graph.initializer}
    c = json.load(open(cfg_json))
    arch = dict(hidden=c["hidden_size"], layers=c["num_hidden_layers"], heads=c["num_attention_heads"],
                intermediate=c["intermediate_size"], max_pos=c["max_position_embeddings"],
                dropout=c["hidden_dropout_prob"])
    model = Student(make_config(**arch))
    sd = model.state_dict()
    out = {k: torch.from_numpy(v) for k, v in inits.items() if k in sd}
    # MatMul(x, W^T) -> Add(., bias): the bias name gives the Linear's name
    producers = {o: n for n in m.graph.node for o in n.output}
    consumers = {}
    for n in m.graph.node:
        for i in n.input:
            consumers.setdefault(i, []).append(n)
    for n in m.graph.node:
        if n.op_type != "MatMul" or n.input[1] not in inits or n.input[1] in sd:
            continue
        adds = [a for a in consumers.get(n.output[0], []) if a.op_type == "Add"]
        bias = [i for a in adds for i in a.input if i.endswith(".bias") and i in sd]
        assert len(bias) == 1, (n.name, bias)
        wname = bias[0][: -len(".bias")] + ".weight"
        out[wname] = torch.from_numpy(inits[n.input[1]].T.copy())
    missing = [k for k in sd if k not in out and not k.endswith("position_ids")]
    assert not missing, missing
    model.load_state_dict({**sd, **out})
    return model, arch


def main():
    onnx_path, cfg_json, dst = sys.argv[1:4]
    model, arch = recover(onnx_path, cfg_json)
    model.eval()
    import onnxruntime as ort
    rng = np.random.default_rng(0)
    ids = rng.integers(6, model.config.vocab_size, size=(8, 40)).astype(np.int64)
    ids[:, 0] = 1
    mask = np.ones_like(ids)
    for r in range(8):
        mask[r, 5 + 4 * r:] = 0
    s = ort.InferenceSession(onnx_path, providers=["CPUExecutionProvider"])
    y = s.run(["last_hidden_state"], {"input_ids": ids, "attention_mask": mask})[0]
    mm = mask[..., None].astype(np.float32)
    p = (y * mm).sum(1) / mm.sum(1)
    p /= np.linalg.norm(p, axis=1, keepdims=True)
    with torch.no_grad():
        ref = model.embed(torch.from_numpy(ids), torch.from_numpy(mask)).numpy()
    print("min cosine torch(recovered) vs onnx fp16:", float((p * ref).sum(1).min()))
    torch.save({"arch": arch, "state_dict": model.state_dict(), "args": {"recovered_from": onnx_path}, "epoch": -1}, dst)


if __name__ == "__main__":
    main()
