"""Untrained TINY test fixture (random weights, seed 0): 2 layers, hidden 8, same tokenizer,
output projected to 512-d like the real model. Usage: python make_tiny.py <teacher vocab.json> <out_dir>"""
import json, os, sys
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from student import Student, make_config, config_json  # noqa: E402
from export_onnx import export  # noqa: E402
from build_tokenizer import build  # noqa: E402

vocab, out = sys.argv[1], sys.argv[2]
torch.manual_seed(0)
cfg = make_config(hidden=8, layers=2, heads=2, intermediate=16, max_pos=128, dropout=0.0)
model = Student(cfg)
os.makedirs(out, exist_ok=True)
build(vocab, out, 128)
with open(os.path.join(out, "config.json"), "w") as f:
    json.dump(config_json(cfg, extra={"lede_test_fixture": True}), f, indent=2)
export(model, out, keep_fp32=True, fp16=False)
