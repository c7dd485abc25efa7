"""Student = Hugging Face BertModel + a linear projection (hidden -> 512) folded into the
exported graph, so the ONNX output `last_hidden_state` is already 512-d. Mean pooling over the
attention mask commutes with an affine map, so mean-pooled + L2-normalised output of the graph
is exactly what the product computes with transformers.js feature-extraction."""
import torch
from torch import nn
from transformers import BertConfig, BertModel

OUT_DIM = 512


def make_config(vocab_size=8000, hidden=256, layers=4, heads=4, intermediate=1024, max_pos=128, act="gelu", eps=1e-12, **kw):
    return BertConfig(
        vocab_size=vocab_size, hidden_size=hidden, num_hidden_layers=layers, num_attention_heads=heads,
        intermediate_size=intermediate, max_position_embeddings=max_pos, type_vocab_size=1,
        pad_token_id=3, bos_token_id=1, eos_token_id=2, hidden_act=act, layer_norm_eps=eps,
        hidden_dropout_prob=kw.get("dropout", 0.1), attention_probs_dropout_prob=kw.get("dropout", 0.1),
        attn_implementation="eager",
    )


class Student(nn.Module):
    def __init__(self, config: BertConfig, out_dim: int = OUT_DIM):
        super().__init__()
        self.config = config
        self.bert = BertModel(config, add_pooling_layer=False)
        self.proj = nn.Linear(config.hidden_size, out_dim)

    def forward(self, input_ids, attention_mask):
        h = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        return self.proj(h)

    def embed(self, input_ids, attention_mask):
        """mean pooling over the mask + L2 normalisation (what the product does)."""
        y = self.forward(input_ids, attention_mask)
        m = attention_mask.unsqueeze(-1).to(y.dtype)
        pooled = (y * m).sum(1) / m.sum(1).clamp(min=1e-9)
        return nn.functional.normalize(pooled, dim=-1)


def adamw(model, lr):
    """AdamW with weight decay 0.01 on matrices, none on biases, LayerNorm and other vectors."""
    decay, no_decay = [], []
    for n, p in model.named_parameters():
        (no_decay if p.ndim < 2 or "LayerNorm" in n else decay).append(p)
    return torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}], lr=lr)


def monitor_summary(s, t):
    """mean cosine and top-10 neighbour overlap between student and teacher unit vectors [n, 512]."""
    def knn(v):
        sim = v @ v.T
        sim.fill_diagonal_(-2)
        return sim.topk(10, dim=1).indices.tolist()
    overlap = sum(len(set(x) & set(y)) / 10 for x, y in zip(knn(s), knn(t))) / len(s)
    return f"cos {(s * t).sum(-1).mean().item():.4f} top10 {overlap:.4f}"


def config_json(config: BertConfig, out_dim: int = OUT_DIM, extra=None):
    """config.json for transformers.js (model_type bert). hidden_size is the transformer width;
    the exported graph ends with a folded linear projection to `projection_dim`."""
    d = config.to_dict()
    for k in ("_attn_implementation_autoset", "attn_implementation", "_name_or_path", "transformers_version",
              "torch_dtype", "dtype", "output_attentions", "output_hidden_states", "return_dict",
              "chunk_size_feed_forward", "is_decoder", "add_cross_attention", "tie_word_embeddings",
              "use_cache", "classifier_dropout", "architectures"):
        d.pop(k, None)
    d["model_type"] = "bert"
    d["architectures"] = ["BertModel"]
    d["projection_dim"] = out_dim
    d["lede_note"] = ("ONNX graph output last_hidden_state is projected to projection_dim (linear layer folded "
                      "into the graph); use mean pooling + L2 normalisation.")
    if extra:
        d.update(extra)
    return d
