#!/bin/sh
# Builds what the benchmarks run (pgraph, pg_generate, engine_bench) from the
# committed HEAD of the repository, not from the working tree: engineers share
# the working tree, and numbers must belong to a commit. The working tree's
# bench/ is laid over the snapshot, so the benchmark code itself may be
# uncommitted.
#
#   bench/build.sh [REV]     (default HEAD)
#
# Source snapshot: build-bench-src/ (only changed files are rewritten, so make
# rebuilds only what changed); build: build-bench/. Both are git-ignored.
# Prints the commit it built. -j2: the machine has two cores, shared.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
rev=${1:-HEAD}
commit=$(git -C "$root" rev-parse "$rev")
src="$root/build-bench-src"
build="$root/build-bench"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

git -C "$root" archive "$commit" | tar -x -m -C "$stage"
rm -rf "$stage/bench"
cp -R "$root/bench" "$stage/bench"
rm -rf "$stage/bench/node" "$stage/bench/data" "$stage/bench/results"

# Copy only files whose content changed; remove files that went away.
python3 - "$stage" "$src" <<'EOF'
import filecmp, os, shutil, sys
stage, src = sys.argv[1], sys.argv[2]
os.makedirs(src, exist_ok=True)
wanted = set()
for dirpath, dirnames, filenames in os.walk(stage):
    rel = os.path.relpath(dirpath, stage)
    os.makedirs(os.path.join(src, rel), exist_ok=True)
    for name in filenames:
        path = os.path.normpath(os.path.join(rel, name))
        wanted.add(path)
        target = os.path.join(src, path)
        if not os.path.exists(target) or not filecmp.cmp(os.path.join(stage, path), target, shallow=False):
            shutil.copy2(os.path.join(stage, path), target)
            os.utime(target)  # newer than any object built from the old content
for dirpath, dirnames, filenames in os.walk(src):
    for name in filenames:
        path = os.path.normpath(os.path.relpath(os.path.join(dirpath, name), src))
        if path not in wanted:
            os.remove(os.path.join(src, path))
EOF
echo "$commit" > "$src/COMMIT"

cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DPARTNERGRAPH_BUILD_BENCH=ON \
  -DPARTNERGRAPH_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j2 --target pgraph pg_generate engine_bench
echo "built $commit in $build"
