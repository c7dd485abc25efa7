"""Metrics on the HELD-OUT articles (see prepare_data.py for the rule), student vs teacher.
Usage: python evaluate.py <student_full.f32> <student_title.f32> [--out metrics.json] [--tag q8]
Teacher vectors: cache/eval_full.teacher.f32, cache/eval_title.teacher.f32 (teacher/embed.mjs).
  1. mean cosine(student, teacher)
  2. top-10 nearest-neighbour overlap (neighbours among the held-out articles, self excluded)
  3. category linear probe: logistic regression trained on a fixed 50% split of the held-out vectors
     (seed 0, stratified), tested on the other 50%; same split for teacher and student.
"""
import argparse, json, os
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

HERE = os.path.dirname(os.path.abspath(__file__))


def norm(x):
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def knn(x, k=10):
    s = x @ x.T
    np.fill_diagonal(s, -np.inf)
    return np.argsort(-s, axis=1)[:, :k]


def probe(x, y, tr, te):
    clf = LogisticRegression(max_iter=2000, C=10.0)
    clf.fit(x[tr], y[tr])
    return float((clf.predict(x[te]) == y[te]).mean())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("student_full")
    ap.add_argument("student_title")
    ap.add_argument("--out", default=None)
    ap.add_argument("--tag", default="q8")
    a = ap.parse_args()
    meta = [json.loads(l) for l in open(os.path.join(HERE, "cache", "eval_meta.jsonl"))]
    y = np.array([m["category"] for m in meta])
    idx = np.arange(len(y))
    # stratify only over categories with >= 2 examples
    cats, counts = np.unique(y, return_counts=True)
    strat = np.where(np.isin(y, cats[counts >= 2]), y, "__rare__")
    tr, te = train_test_split(idx, test_size=0.5, random_state=0, stratify=strat)
    res = {"heldout_articles": len(y), "categories": int(len(cats))}
    for kind, sp in (("title_description", a.student_full), ("title", a.student_title)):
        tname = "eval_full" if kind == "title_description" else "eval_title"
        t = norm(np.fromfile(os.path.join(HERE, "cache", tname + ".teacher.f32"), dtype=np.float32).reshape(-1, 512))
        s = norm(np.fromfile(sp, dtype=np.float32).reshape(-1, 512))
        assert len(s) == len(t) == len(y)
        cos = float((s * t).sum(1).mean())
        nt, ns = knn(t), knn(s)
        overlap = float(np.mean([len(set(nt[i]) & set(ns[i])) / 10 for i in range(len(y))]))
        pt, ps = probe(t, y, tr, te), probe(s, y, tr, te)
        res[kind] = {"mean_cosine": round(cos, 4), "top10_overlap": round(overlap, 4),
                     "probe_accuracy_teacher": round(pt, 4), "probe_accuracy_student": round(ps, 4),
                     "probe_gap_points": round(100 * (pt - ps), 2)}
    print(json.dumps(res, indent=2))
    if a.out:
        cur = json.load(open(a.out)) if os.path.exists(a.out) else {}
        cur.setdefault("heldout", {})[a.tag] = res
        cur["heldout_rule"] = "article held out iff int(sha1(id).hexdigest()[:8],16) % 100 < 15 (models/recipes/distill/heldout-ids.txt)"
        json.dump(cur, open(a.out, "w"), indent=2)


if __name__ == "__main__":
    main()
