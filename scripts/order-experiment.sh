#!/usr/bin/env bash
# Elliott and Clark's insertion-order experiment on hnsw4j (docs/insertion-order.md): recall@10 at
# M 16, efConstruction 100, for the orders given, random, LID ascending and LID descending, over
# several build seeds, on Fashion-MNIST, a 100k sample of glove-100 and minilm-gcide.
# Usage: scripts/order-experiment.sh [OUT_DIR] (default bench-out/order). Needs the data sets of
# the README's "Data sets" (GLOVE and MINILM in the environment point at their folders; the
# defaults are bench-out/glove-100 and bench-out/minilm-gcide) and `mvn -B -DskipTests package`.
# Runs that find no data set are skipped. About 30 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."

out=$(realpath -m "${1:-bench-out/order}")
glove=${GLOVE:-bench-out/glove-100}
minilm=${MINILM:-bench-out/minilm-gcide}
fashion=/usr/share/datasets/fashion-mnist
export JAVA_OPTS=${JAVA_OPTS:--Xmx12g}

run() {
  local name=$1
  shift
  echo "== $name $(date +%T), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  bin/hnsw4j-order-bench --name "$name" --out "$out/$name" --m 16 --ef-construction 100 --jobs 2 \
    --query-limit 1000 "$@"
}

if [[ -f $fashion/train-images-idx3-ubyte.gz ]]; then
  run fashion-mnist --base "$fashion/train-images-idx3-ubyte.gz" \
    --queries "$fashion/t10k-images-idx3-ubyte.gz" --metric l2 --ef 10,20,40,80 --seeds 1,2,3,4,5
else
  echo "no Fashion-MNIST (apt-get install dataset-fashion-mnist): skipped" >&2
fi
if [[ -f $glove/glove-100_base.fvecs ]]; then
  run glove-100-100k --base "$glove/glove-100_base.fvecs" --queries "$glove/glove-100_query.fvecs" \
    --metric cosine --sample 100000 --ef 10,20,40,80,160,320,640 --seeds 1,2,3
else
  echo "no glove-100 in $glove (scripts/make-glove.sh): skipped" >&2
fi
if [[ -f $minilm/minilm-gcide_base.fvecs ]]; then
  run minilm-gcide --base "$minilm/minilm-gcide_base.fvecs" --queries "$minilm/minilm-gcide_query.fvecs" \
    --metric cosine --ef 10,20,40,80,160 --seeds 1,2,3
else
  echo "no minilm-gcide in $minilm (scripts/make-sentence-embeddings.sh): skipped" >&2
fi
