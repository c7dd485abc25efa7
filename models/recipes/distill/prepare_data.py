"""Build the distillation / evaluation text sets.

Held-out rule (never used for distillation in any form):
  an article is HELD OUT iff int(sha1(id).hexdigest()[:8], 16) % 100 < 15
The resulting id list is written to heldout-ids.txt (committed) for reference.

Outputs (cache/, gitignored):
  eval_full.jsonl   held-out "title + ' ' + description"
  eval_title.jsonl  held-out titles
  eval_meta.jsonl   held-out ids + categories (same order)
  train.jsonl       distillation texts from non-held-out articles + augmentations
  extra.jsonl       freely licensed English text found on this machine (see README)
"""
import glob, gzip, hashlib, json, os, random, re, sys

SEED = 1234
HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.path.join(HERE, "cache")
# The repo's demo corpus (data/demo) unless LEDE_CORPUS names another copy.
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
CORPUS = os.environ.get("LEDE_CORPUS", os.path.join(REPO, "data", "demo", "huffpost-news-13k.jsonl"))


def is_heldout(article_id: str) -> bool:
    return int(hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:8], 16) % 100 < 15


def words_crop(rng, words, lo=0.4, hi=0.9):
    n = len(words)
    if n < 4:
        return words
    k = max(2, int(n * rng.uniform(lo, hi)))
    s = rng.randint(0, n - k)
    return words[s : s + k]


def word_dropout(rng, words, p=0.15):
    kept = [w for w in words if rng.random() > p]
    return kept if len(kept) >= 2 else words


def augment(rng, title, desc):
    tw, dw = title.split(), desc.split()
    choice = rng.random()
    if choice < 0.25 and dw:
        return " ".join(tw + words_crop(rng, dw, 0.2, 0.6))
    if choice < 0.45:
        return " ".join(word_dropout(rng, tw))
    if choice < 0.6 and dw:
        return " ".join(words_crop(rng, dw))
    if choice < 0.75:
        return " ".join(word_dropout(rng, tw + dw, 0.2))
    if choice < 0.85:
        return title.lower()
    if choice < 0.92 and dw:
        return desc + " " + title
    return " ".join(words_crop(rng, tw, 0.5, 0.9))


def extra_texts(rng, limit):
    """Sentences from freely licensed text shipped on this machine.
    - Debian package descriptions (/var/lib/dpkg/status; each package's own licence,
      see /usr/share/doc/<pkg>/copyright; DFSG-free)
    - Python standard library docstrings (PSF License 2.0)
    """
    out = []
    desc, cur = [], None
    try:
        with open("/var/lib/dpkg/status", encoding="utf-8", errors="ignore") as f:
            for line in f:
                if line.startswith("Description:"):
                    out.append(line[len("Description:"):].strip())
                    cur = []
                elif line.startswith(" ") and cur is not None:
                    t = line.strip()
                    if t != "." and len(t) > 20:
                        cur.append(t)
                else:
                    if cur:
                        out.append(" ".join(cur)[:400])
                    cur = None
    except OSError:
        pass
    import sysconfig
    std = sysconfig.get_paths()["stdlib"]
    doc_re = re.compile(r'"""(.*?)"""', re.S)
    for p in sorted(glob.glob(os.path.join(std, "*.py")) + glob.glob(os.path.join(std, "*/*.py"))):
        if "/test" in p or "site-packages" in p:
            continue
        try:
            src = open(p, encoding="utf-8", errors="ignore").read()
        except OSError:
            continue
        for m in doc_re.finditer(src):
            for para in re.split(r"\n\s*\n", m.group(1)):
                t = " ".join(para.split())
                if 30 <= len(t) <= 300 and re.match(r"^[A-Z][a-z]", t) and not re.search(r"[{}<>=]|>>>|\(\)", t):
                    out.append(t)
    out = [t for t in dict.fromkeys(out) if len(t.split()) >= 4]
    rng.shuffle(out)
    return out[:limit]


def main():
    rng = random.Random(SEED)
    os.makedirs(CACHE, exist_ok=True)
    arts = [json.loads(l) for l in open(CORPUS, encoding="utf-8") if l.strip()]
    held = [a for a in arts if is_heldout(a["id"])]
    train = [a for a in arts if not is_heldout(a["id"])]
    print(f"articles {len(arts)} heldout {len(held)} train {len(train)}", file=sys.stderr)
    with open(os.path.join(HERE, "heldout-ids.txt"), "w") as f:
        f.write("".join(a["id"] + "\n" for a in held))

    def dump(name, texts):
        with open(os.path.join(CACHE, name), "w", encoding="utf-8") as f:
            for t in texts:
                f.write(json.dumps({"text": t}, ensure_ascii=False) + "\n")
        print(f"{name}: {len(texts)}", file=sys.stderr)

    full = lambda a: (a["title"] + " " + a["description"]).strip()
    dump("eval_full.jsonl", [full(a) for a in held])
    dump("eval_title.jsonl", [a["title"] for a in held])
    with open(os.path.join(CACHE, "eval_meta.jsonl"), "w") as f:
        for a in held:
            f.write(json.dumps({"id": a["id"], "category": a["category"]}) + "\n")

    texts = []
    for a in train:
        t, d = a["title"].strip(), a["description"].strip()
        texts.append(t)
        if d:
            texts.append(d)
            texts.append(t + " " + d)
        for _ in range(2):
            texts.append(augment(rng, t, d))
    # headline mixes: two unrelated titles joined (teaches compositional averaging)
    for _ in range(len(train) // 2):
        a, b = rng.sample(train, 2)
        texts.append(a["title"] + " " + b["title"])
    texts = [x for x in dict.fromkeys(texts) if x.strip()]
    rng.shuffle(texts)
    dump("train.jsonl", texts)
    dump("extra.jsonl", extra_texts(rng, int(os.environ.get("LEDE_EXTRA", "10000"))))


if __name__ == "__main__":
    main()
