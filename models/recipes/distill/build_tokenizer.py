"""Write a transformers.js / HF-tokenizers compatible tokenizer.json that reproduces the
USE-lite (@energetic-ai/embeddings) SentencePiece tokenisation exactly:
  NFKC -> replace ' ' by U+2581 -> prepend U+2581 -> Viterbi over the whole string (Unigram).
No pre-tokenizer splitting (the teacher runs one Viterbi over the whole string).
Post-processing adds <s> ... </s> (ids 1 and 2) so an empty input never yields an empty
sequence; the teacher's reserved ids 0..5 are never produced by its own tokenizer.
Usage: python build_tokenizer.py <teacher vocab.json> <out_dir> <model_max_length>
"""
import json, os, sys

SPM = "\u2581"


def build(vocab_path, out_dir, max_len):
    vocab = json.load(open(vocab_path, encoding="utf-8"))
    assert len(vocab) == 8000
    pieces = []
    names = {0: "<unk>", 1: "<s>", 2: "</s>", 3: "<pad>", 4: "<extra_1>", 5: "<extra_2>"}
    for i, (p, s) in enumerate(vocab):
        if i < 6:
            # reserved ids: the teacher never matches them from text; make Unigram never choose them
            pieces.append([names[i], -1000.0])
        else:
            # null scores (":" pieces) behave as 0 in the teacher JS (null + x == x)
            pieces.append([p, float(s) if s is not None else 0.0])
    added = [
        {"id": i, "content": names[i], "single_word": False, "lstrip": False, "rstrip": False,
         "normalized": False, "special": True}
        for i in (0, 1, 2, 3)
    ]
    tok = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": {"type": "Sequence", "normalizers": [
            {"type": "NFKC"},
            {"type": "Replace", "pattern": {"String": " "}, "content": SPM},
            {"type": "Prepend", "prepend": SPM},
        ]},
        "pre_tokenizer": None,
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "</s>", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "</s>", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                     {"SpecialToken": {"id": "</s>", "type_id": 1}}],
            "special_tokens": {
                "<s>": {"id": "<s>", "ids": [1], "tokens": ["<s>"]},
                "</s>": {"id": "</s>", "ids": [2], "tokens": ["</s>"]},
            },
        },
        "decoder": {"type": "Metaspace", "replacement": SPM, "prepend_scheme": "always", "split": True},
        "model": {"type": "Unigram", "unk_id": 0, "vocab": pieces, "byte_fallback": False},
    }
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tok, f, ensure_ascii=False, separators=(",", ":"))
    cfg = {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": max_len,
        "bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "pad_token": "<pad>",
        "cls_token": "<s>", "sep_token": "</s>",
        "padding_side": "right",
        "clean_up_tokenization_spaces": False,
        "model_input_names": ["input_ids", "attention_mask"],
    }
    with open(os.path.join(out_dir, "tokenizer_config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
    with open(os.path.join(out_dir, "special_tokens_map.json"), "w") as f:
        json.dump({k: cfg[k] for k in ("bos_token", "eos_token", "unk_token", "pad_token", "cls_token", "sep_token")}, f, indent=2)


if __name__ == "__main__":
    build(sys.argv[1], sys.argv[2], int(sys.argv[3]))
