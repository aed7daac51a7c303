#!/usr/bin/env bash
# Answer quality on every evaluation set, with and without the model:
#   bash scripts/eval.sh [BIN]   (default: target/release/interview-bot, built if missing)
# Extra sets need no script: `interview-bot eval FILE.jsonl --ablate --verbose`.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/interview-bot}
[[ -x "$bin" ]] || cargo build --release --locked
sets=tests/fixtures/eval
corpus=$(mktemp -d); own=$(mktemp -d); trap 'rm -rf "$corpus" "$own"' EXIT
cp seeds/*.txt "$sets"/articles/*.txt "$corpus"/
cp seeds/*.txt tests/fixtures/layouts/*.txt "$own"/
for mode in "" --no-model; do
  echo "== ${mode:-with the model}"
  "$bin" $mode eval "$sets"/dev.jsonl "$sets"/dev2.jsonl "$sets"/dev2-odd.jsonl \
    "$sets"/dev2-even.jsonl "$sets"/paraphrase.jsonl "$sets"/own_casual.jsonl \
    "$sets"/own_casual2.jsonl "$sets"/own_casual3.jsonl "$sets"/own_casual4.jsonl \
    "$sets"/own_casual5.jsonl "$sets"/own_casual6.jsonl "$sets"/own_casual7.jsonl \
    "$sets"/own_casual8.jsonl "$sets"/own_casual9.jsonl "$sets"/own_casual10.jsonl \
    "$sets"/own_quotes.jsonl
  "$bin" $mode --seeds "$corpus" eval "$sets"/dev_articles.jsonl
  "$bin" $mode --seeds "$own" eval "$sets"/own_layouts.jsonl
done
