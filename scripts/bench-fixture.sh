#!/usr/bin/env bash
# The main job: builds hnsw4j and benchmarks it on the Fashion-MNIST fixture the repository ships
# (5,000 base images, 100 queries, exact ground truth), printing recall and QPS for an ef sweep and
# writing results.csv, results.md and plot.png.
#   scripts/bench-fixture.sh               hnsw4j alone, into bench-out/fixture
#   scripts/bench-fixture.sh --peers       hnsw4j, Lucene, JVector and jelmerk in the same run
# Further arguments go to the benchmark (e.g. --ef 10,40,160 --threads 2).
set -euo pipefail
cd "$(dirname "$0")/.."

tool=bin/hnsw4j
command=(bench)
if [ "${1:-}" = "--peers" ]; then
  shift
  tool=bin/hnsw4j-bench
  command=()
fi

mvn -B -q -DskipTests package

fixture=hnsw4j-core/src/test/resources/fashion-mnist
"$tool" "${command[@]}" \
  --base "$fixture/fashion-mnist-5k_base.bvecs" \
  --queries "$fixture/fashion-mnist-5k_query.bvecs" \
  --groundtruth "$fixture/fashion-mnist-5k_groundtruth.ivecs" \
  --name fashion-mnist-5k --metric l2 --m 16 --ef-construction 100 --k 10 \
  --out bench-out/fixture "$@"
