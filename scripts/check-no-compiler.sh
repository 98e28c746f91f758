#!/usr/bin/env bash
# Proves `npm install` of djsec succeeds on a machine with no C++ toolchain, and quickly: installs
# the packed package with a PATH that has node/npm but no compiler, make or python, checks that no
# package with native code (tree-sitter, tree-sitter-python) came with it, then lints (WASM parser,
# the grammar's .wasm shipped in dist/).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin="$work/bin"
mkdir -p "$bin" "$work/app"
for tool in node npm npx sh bash env git tar gzip cat rm mkdir ls cp mv chmod dirname uname sed grep head tail; do
  p=$(command -v "$tool" || true)
  [ -n "$p" ] && ln -s "$p" "$bin/$tool"
done
for tool in g++ gcc cc c++ make python3 python; do
  if PATH="$bin" command -v "$tool" >/dev/null 2>&1; then echo "FAIL: $tool still on PATH"; exit 1; fi
done
tgz=$(cd "$repo" && npm pack --silent --pack-destination "$work" | tail -1)
cd "$work/app"
npm init -y >/dev/null
start=$(date +%s)
PATH="$bin" npm install --no-audit --no-fund "$work/$tgz" >"$work/install.log" 2>&1 || { cat "$work/install.log"; echo "FAIL: npm install without a compiler"; exit 1; }
seconds=$(( $(date +%s) - start ))
for native in tree-sitter tree-sitter-python; do
  if [ -e "node_modules/$native" ]; then echo "FAIL: $native (native code, an install script) was installed"; exit 1; fi
done
set +e
PATH="$bin" ./node_modules/.bin/djsec "$repo/fixtures/example-project" --format json >"$work/out.json"
code=$?
set -e
[ "$code" = 1 ] || { echo "FAIL: expected exit 1 on the example project, got $code"; exit 1; }
grep -q '"DJS101"' "$work/out.json" || { echo "FAIL: DJS101 missing from the report"; exit 1; }
echo "NO-COMPILER OK: installed in ${seconds} s without a toolchain or native packages, WASM parser reported DJS101"
