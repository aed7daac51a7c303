#!/usr/bin/env bash
# Puts WordNet's synonym sets into the interview-bot cache folder as `wordnet-synsets.tsv` (a
# group of synonyms per line, tab-separated) and prints that file's path.
#
# WordNet 3.0 (Princeton University; a BSD-style licence) comes from Debian's `wordnet-base`
# package, downloaded without installing it (no root needed). For every word, its most common
# sense is kept (the first synset its index lists): a set that is no word's usual sense would only
# send questions after the wrong words. WordNet's irregular verb forms follow as pairs ("bought"
# and "buy"), which no stemmer joins: "which boat did they buy" must find "they bought a boat".
# After a `[forms]` line come WordNet's irregular noun forms ("children" and "child"), which the
# bot joins to their word both ways and through synonyms ("kids" finds "children"); a form that
# a regular ending reads as another word ("lives": "live") is left out, as it is ambiguous.
# Idempotent (a file written before the noun forms were added is written again).
set -euo pipefail

source "$(dirname "$0")/cache-root.sh"
dest="$cache_root/wordnet-synsets.tsv"
if [[ -s "$dest" ]] && grep -q "^\[forms\]" "$dest"; then
    echo "$dest"
    exit 0
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "fetch-wordnet: downloading wordnet-base from Debian..." >&2
(cd "$tmp" && apt-get download wordnet-base >/dev/null 2>&1) || {
    echo "fetch-wordnet: apt-get download wordnet-base failed (a Debian or Ubuntu machine is needed)" >&2
    exit 1
}
dpkg-deb -x "$tmp"/wordnet-base_*.deb "$tmp/x"
mkdir -p "$cache_root"
"${PYTHON:-python3}" - "$tmp/x/usr/share/wordnet" "$dest.part" <<'PY'
import sys
src, out = sys.argv[1], sys.argv[2]
parts = ["noun", "verb", "adj", "adv"]
words = {}
for pos in parts:
    for line in open(f"{src}/data.{pos}", encoding="latin-1"):
        if line.startswith("  "):  # licence header
            continue
        f = line.split()
        count = int(f[3], 16)
        members = [f[4 + 2 * i].split("(")[0].replace("_", " ").lower() for i in range(count)]
        words[(pos, f[0])] = members
first = set()
lemmas = set()
for pos in parts:
    for line in open(f"{src}/index.{pos}", encoding="latin-1"):
        if line.startswith("  "):
            continue
        f = line.split()
        lemmas.add(f[0])
        senses, pointers = int(f[2]), int(f[3])
        offsets = f[6 + pointers : 6 + pointers + senses]
        if offsets:
            first.add((pos, offsets[0]))
with open(out, "w", encoding="utf-8") as o:
    o.write("# WordNet 3.0 (Princeton University): the synonym sets that are some word's most\n")
    o.write("# common sense.\n")
    for key in sorted(first):
        group = sorted(set(words[key]))
        if len(group) >= 2:
            o.write("\t".join(group) + "\n")
    o.write("# Irregular verb forms (WordNet's verb.exc): a form and its lemma.\n")
    pairs = set()
    for line in open(f"{src}/verb.exc", encoding="latin-1"):
        f = line.split()
        pairs.update((f[0], lemma) for lemma in f[1:] if lemma != f[0] and "_" not in line)
    for form, lemma in sorted(pairs):
        o.write(f"{form}\t{lemma}\n")
    o.write("[forms]\n")
    o.write("# Irregular noun forms (WordNet's noun.exc): a form and its lemma; not a form that a\n")
    o.write("# regular ending reads as another word (\"lives\": \"live\").\n")
    forms = set()
    for line in open(f"{src}/noun.exc", encoding="latin-1"):
        f = line.split()
        if "_" in line or len(f) < 2:
            continue
        form = f[0]
        regular = {form[:-1], form[:-2]} if form.endswith("s") else set()
        if regular & lemmas:
            continue
        forms.update((form, lemma) for lemma in f[1:] if lemma != form)
    for form, lemma in sorted(forms):
        o.write(f"{form}\t{lemma}\n")
PY
mv "$dest.part" "$dest"
echo "$dest"
