#!/usr/bin/env bash
# Regenerates hnsw4j-core/src/test/resources/fashion-mnist from the Debian package
# dataset-fashion-mnist (MIT licence), installing the package first if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

src=/usr/share/datasets/fashion-mnist
out=hnsw4j-core/src/test/resources/fashion-mnist

if [[ ! -f "$src/train-images-idx3-ubyte.gz" || ! -f "$src/t10k-images-idx3-ubyte.gz" ]]; then
  sudo=""
  if [[ "$(id -u)" -ne 0 ]]; then sudo=sudo; fi
  echo "installing dataset-fashion-mnist with apt-get" >&2
  $sudo apt-get update
  $sudo apt-get install -y dataset-fashion-mnist
fi

# exec:exec in the profile runs FashionMnistFixture on the toolchain's JDK 25.
mvn -q -B -pl hnsw4j-bench -am -Pfashion-mnist-fixture process-classes \
  -DfashionMnist.dir="$src" -DfashionMnist.out="$PWD/$out"
cp /usr/share/doc/dataset-fashion-mnist/copyright "$out/LICENSE-fashion-mnist.txt"
(cd "$out" && sha256sum fashion-mnist-5k_*)
