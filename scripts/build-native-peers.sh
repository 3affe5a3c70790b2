#!/usr/bin/env bash
# Compiles the native peers of the benchmark harness (hnswlib, USearch, FAISS) for this machine:
# one shared library each, the C interface of hnsw4j-bench/src/main/native/hnsw4j_peer.h, loaded
# by `bin/hnsw4j-bench --libs hnswlib,usearch,faiss` and by hnsw4j-bench's tests.
#   hnswlib 0.8.0: headers from the npm package hnswlib-node@3.0.0 (Apache-2.0)
#   USearch 2.21.4 with SimSIMD: headers from the npm package usearch@2.21.4 (Apache-2.0)
#   FAISS 1.7.3: Debian's libfaiss-dev (MIT), installed with apt-get when missing; Debian builds
#     it for generic x86-64, without FAISS's AVX2 kernels
# Usage: scripts/build-native-peers.sh [OUT_DIR] (default bench-out/native, where the harness and
# the tests look; bin/hnsw4j-bench takes another folder with JAVA_OPTS=-Dhnsw4j.native.dir=DIR)
# Needs g++ with OpenMP, npm, and apt-get run as root when libfaiss-dev is not installed. A
# library whose sources, versions and flags have not changed is not rebuilt; the downloaded
# headers are kept in OUT_DIR/vendor, never in the sources.
set -euo pipefail
cd "$(dirname "$0")/.."

out=$(realpath -m "${1:-bench-out/native}")
src=$PWD/hnsw4j-bench/src/main/native
hnswlib_node=3.0.0
usearch=2.21.4
faiss_header=/usr/include/faiss/IndexHNSW.h
faiss_archive=/usr/lib/x86_64-linux-gnu/libfaiss.a
flags=(-O3 -march=native -fopenmp -fPIC -shared -std=c++17 -DNDEBUG -fvisibility=hidden
  -Wno-unknown-pragmas -Wno-deprecated-declarations)

mkdir -p "$out/vendor"

# Unpacks an npm package into OUT_DIR/vendor/NAME-VERSION once.
vendor() {
  local name=$1 version=$2 dir="$out/vendor/$1-$2"
  if [[ ! -f "$dir/package.json" ]]; then
    local tmp
    tmp=$(mktemp -d)
    echo "downloading $name@$version with npm pack" >&2
    (cd "$tmp" && npm pack --silent "$name@$version" >/dev/null)
    mkdir -p "$tmp/x"
    tar -xzf "$tmp"/*.tgz -C "$tmp/x"
    rm -rf "$dir"
    mv "$tmp/x/package" "$dir"
    rm -rf "$tmp"
  fi
  echo "$dir"
}

# What a library is built from; a change of any of it rebuilds the library.
stamp() {
  { echo "$*"; g++ --version | head -1; g++ -march=native -Q --help=target 2>/dev/null |
      grep -E '^\s+-march='; cat "$src/hnsw4j_peer.h" "$src/peer_support.hpp"; } | sha256sum |
    cut -d' ' -f1
}

# build NAME VERSION SOURCE [g++ arguments...]: compiles OUT_DIR/libhnsw4j-peer-NAME.so.
build() {
  local name=$1 version=$2 source=$3
  shift 3
  local lib="$out/libhnsw4j-peer-$name.so" sum
  sum=$(stamp "$name $version ${flags[*]} $*" "$(cat "$src/$source")")
  if [[ -f "$lib" && -f "$lib.stamp" && "$(cat "$lib.stamp")" == "$sum" ]]; then
    echo "$name: up to date ($lib)" >&2
    return 0
  fi
  echo "$name: compiling $source" >&2
  g++ "${flags[@]}" -I"$src" -DHNSW4J_PEER_VERSION="\"$version\"" "$src/$source" "$@" \
    -o "$lib.tmp"
  mv "$lib.tmp" "$lib"
  echo "$sum" >"$lib.stamp"
  echo "$name: built $lib" >&2
}

if [[ ! -f "$faiss_header" || ! -f "$faiss_archive" ]]; then
  echo "installing libfaiss-dev with apt-get" >&2
  if [[ $(id -u) -ne 0 ]]; then
    echo "libfaiss-dev is missing and installing it needs root: apt-get install -y libfaiss-dev" >&2
    exit 1
  fi
  apt-get install -y -q libfaiss-dev >/dev/null ||
    { apt-get update -q >/dev/null && apt-get install -y -q libfaiss-dev >/dev/null; }
fi
faiss_version=$(dpkg-query -W -f='${Version}' libfaiss-dev)

hnswlib_dir=$(vendor hnswlib-node "$hnswlib_node")
usearch_dir=$(vendor usearch "$usearch")

# The three compile in parallel; each failure is reported, and any fails the script.
build hnswlib "$hnswlib_node" hnswlib_peer.cpp -I"$hnswlib_dir/src" &
hnswlib_job=$!
build usearch "$usearch" usearch_peer.cpp -I"$usearch_dir/include" -I"$usearch_dir/simsimd/include" \
  -DUSEARCH_USE_SIMSIMD=1 -DUSEARCH_USE_OPENMP=0 -DUSEARCH_USE_FP16LIB=0 -DSIMSIMD_NATIVE_F16=0 &
usearch_job=$!
build faiss "${faiss_version%%-*}" faiss_peer.cpp -Wl,--exclude-libs,ALL "$faiss_archive" \
  -llapack -lblas &
faiss_job=$!
status=0
for job in $hnswlib_job $usearch_job $faiss_job; do
  wait "$job" || status=1
done
for license in "$hnswlib_dir/LICENSE.txt:hnswlib-node" "$usearch_dir/LICENSE:usearch"; do
  [[ -f "${license%%:*}" ]] && cp "${license%%:*}" "$out/LICENSE-${license##*:}.txt"
done
if [[ $status -ne 0 ]]; then
  echo "build-native-peers: a library failed to compile (see above)" >&2
  exit 1
fi
ls -l "$out"/libhnsw4j-peer-*.so >&2
