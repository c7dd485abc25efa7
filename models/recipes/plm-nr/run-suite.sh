#!/usr/bin/env bash
# Fine-tunes and evaluates every log: for each LOG in SUITE/<regime>-s<seed>, finetune.mjs writes
# OUT/<log>/{untuned,tuned,last}.jsonl, then `npm run eval --ranker lede --vectors` scores each (in the background,
# while the next log trains; at most one eval pair at a time). Results: OUT/<log>/eval-{untuned,last,tuned}.json.
# Usage: models/recipes/plm-nr/run-suite.sh SUITE OUT "mixed-s1 popularity-s1 ..." [finetune options...]
set -u
SUITE=$1; OUT=$2; LOGS=$3; shift 3
cd "$(dirname "$0")/../../.."
evals() {
  local log=$1
  for v in untuned last tuned; do
    # tuned.jsonl is a copy of untuned.jsonl or last.jsonl when early stopping picked one of those
    if [ "$v" = tuned ]; then
      for same in untuned last; do
        if cmp -s "$OUT/$log/tuned.jsonl" "$OUT/$log/$same.jsonl"; then cp "$OUT/$log/eval-$same.json" "$OUT/$log/eval-tuned.json"; continue 2; fi
      done
    fi
    npm run eval -- --train "$SUITE/$log/train" --dev "$SUITE/$log/dev" --ranker lede --vectors "$OUT/$log/$v.jsonl" \
      --out "$OUT/$log/pred-$v.txt" > "$OUT/$log/eval-$v.log" 2>&1
    grep '^{"ranker"' "$OUT/$log/eval-$v.log" > "$OUT/$log/eval-$v.json"
  done
}
pid=
for log in $LOGS; do
  mkdir -p "$OUT/$log"
  node models/recipes/plm-nr/finetune.mjs "$SUITE/$log" "$OUT/$log" "$@" > "$OUT/$log/finetune.log" 2>&1
  [ -n "$pid" ] && wait "$pid"
  evals "$log" & pid=$!
done
[ -n "$pid" ] && wait "$pid"
echo done
