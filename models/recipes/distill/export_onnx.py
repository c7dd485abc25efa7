"""Export a Student checkpoint to ONNX (fp32), int8 dynamic quantisation (q8) and fp16.
Usage: python export_onnx.py <ckpt.pt> <model_dir> [--no-fp32] [--no-fp16]
Graph inputs: input_ids int64 [batch, seq], attention_mask int64 [batch, seq]
Graph output: last_hidden_state float32 [batch, seq, 512]
"""
import argparse, json, os, sys
import numpy as np
import onnx
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from student import Student, make_config, config_json  # noqa: E402


def parity_inputs(vocab_size, texts=None):
    """token ids for the parity report: the tokenised texts (first 256) if given, else random ids"""
    if texts:
        from teacher_torch import Batcher
        ids, mask = Batcher(os.path.join(os.path.dirname(os.path.abspath(__file__)), "cache", "tokenizer", "tokenizer.json")).student(texts[:256])
        return ids.numpy(), mask.numpy()
    rng = np.random.default_rng(0)
    tids = rng.integers(6, vocab_size, size=(4, 24)).astype(np.int64)
    tids[:, 0] = 1
    tmask = np.ones_like(tids)
    tmask[1, 12:] = 0
    tmask[3, 5:] = 0
    return tids, tmask


def export(model, model_dir, keep_fp32=True, fp16=True, opset=17, per_channel=False, texts=None):
    onnx_dir = os.path.join(model_dir, "onnx")
    os.makedirs(onnx_dir, exist_ok=True)
    fp32 = os.path.join(onnx_dir, "model.onnx")
    model.eval()
    ids = torch.tensor([[1, 100, 200, 300, 2], [1, 50, 2, 3, 3]], dtype=torch.long)
    mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]], dtype=torch.long)
    with torch.no_grad():
        torch.onnx.export(
            model, (ids, mask), fp32, input_names=["input_ids", "attention_mask"],
            output_names=["last_hidden_state"],
            dynamic_axes={"input_ids": {0: "batch_size", 1: "sequence_length"},
                          "attention_mask": {0: "batch_size", 1: "sequence_length"},
                          "last_hidden_state": {0: "batch_size", 1: "sequence_length"}},
            opset_version=opset, do_constant_folding=True, dynamo=False,
        )
    m = onnx.load(fp32)
    onnx.checker.check_model(m)
    # quantise (int8 dynamic, weights of MatMul + embedding Gather)
    from onnxruntime.quantization import QuantType, quantize_dynamic
    q8 = os.path.join(onnx_dir, "model_quantized.onnx")
    quantize_dynamic(fp32, q8, weight_type=QuantType.QInt8, per_channel=per_channel, reduce_range=False,
                     op_types_to_quantize=["MatMul", "Gather"])
    if fp16:
        from onnxruntime.transformers.float16 import convert_float_to_float16
        m16 = convert_float_to_float16(onnx.load(fp32), keep_io_types=True)
        onnx.save(m16, os.path.join(onnx_dir, "model_fp16.onnx"))
    # parity check with onnxruntime
    import onnxruntime as ort
    tids, tmask = parity_inputs(model.config.vocab_size, texts)
    with torch.no_grad():
        ref = model.embed(torch.from_numpy(tids), torch.from_numpy(tmask)).numpy()
    report = {}
    for name in ["model.onnx", "model_quantized.onnx"] + (["model_fp16.onnx"] if fp16 else []):
        s = ort.InferenceSession(os.path.join(onnx_dir, name), providers=["CPUExecutionProvider"])
        y = s.run(["last_hidden_state"], {"input_ids": tids, "attention_mask": tmask})[0]
        mm = tmask[..., None].astype(np.float32)
        p = (y * mm).sum(1) / mm.sum(1)
        p /= np.linalg.norm(p, axis=1, keepdims=True)
        c = (p * ref).sum(1)
        report[name] = {"mean": round(float(c.mean()), 5), "min": round(float(c.min()), 5)}
    print(f"cosine vs torch ({len(tids)} {'texts' if texts else 'random id rows'}):", json.dumps(report))
    if not keep_fp32:
        os.remove(fp32)
    return report


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ckpt")
    ap.add_argument("model_dir")
    ap.add_argument("--no-fp32", action="store_true")
    ap.add_argument("--no-fp16", action="store_true")
    ap.add_argument("--per-channel", action="store_true", help="int8 scales per output channel (stage 4)")
    ap.add_argument("--texts", help="JSONL with a text field: parity report on these texts (first 256)")
    a = ap.parse_args()
    texts = [json.loads(l)["text"] for l in open(a.texts, encoding="utf-8") if l.strip()] if a.texts else None
    ck = torch.load(a.ckpt, map_location="cpu", weights_only=False)
    cfg = make_config(**ck["arch"])
    model = Student(cfg)
    model.load_state_dict(ck["state_dict"])
    os.makedirs(a.model_dir, exist_ok=True)
    with open(os.path.join(a.model_dir, "config.json"), "w") as f:
        json.dump(config_json(cfg), f, indent=2)
    export(model, a.model_dir, keep_fp32=not a.no_fp32, fp16=not a.no_fp16, per_channel=a.per_channel, texts=texts)


if __name__ == "__main__":
    main()
