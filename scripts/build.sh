#!/usr/bin/env bash
# Builds the wasm component into pkg/: wasm (wasm-opt -Oz), JS glue, TypeScript types, the
# loader, and prints the sizes a page downloads.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

start=$(date +%s)
log "building the wasm component"
wasm_cargo build --release -p mingshi
wasm-bindgen --target web --out-dir pkg --out-name mingshi \
  target/wasm32-unknown-unknown/release/mingshi.wasm
wasm-opt -Oz --strip-debug --strip-producers -o pkg/mingshi_bg.wasm pkg/mingshi_bg.wasm
cp js/*.js pkg/
rm -f pkg/.gitignore pkg/package.json

log "sizes (bytes, raw / gzip -9)"
for f in pkg/mingshi_bg.wasm pkg/mingshi.js pkg/mingshi-auto.js; do
  printf '  %-24s %8d %8d\n' "$(basename "$f")" "$(wc -c <"$f")" "$(gzip -9 -c "$f" | wc -c)"
done
log "build took $(( $(date +%s) - start )) s"
