#!/usr/bin/env bash
# Builds the wasm component, the policy engine and the configuration messages into pkg/: wasm
# (wasm-opt -Oz), JS glue, TypeScript types, the loader, and prints the sizes a page downloads.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

start=$(date +%s)
log "building the wasm component, the policy engine and the configuration messages"
# The component only, where std is built here (lib.sh; the engine and the tests keep their
# flags): no MIR optimisations (MIR inlining among them), and LLVM's inline threshold at 8
# instead of opt-level z's 5. Measured on the component: -430 B gzip with both, the same for
# any threshold from 6 to 10 (5: -118, 12: +3); MIR opts off alone -118, MIR inlining off
# (-Zinline-mir=no) with threshold 8 -323.
WASM_SIZE_RUSTFLAGS="-Zmir-opt-level=0 -Cllvm-args=-inline-threshold=${WASM_INLINE_THRESHOLD:-8}" \
  wasm_cargo build --release -p mingshi
# The policy engine at opt-level "s", not "z": analysing the 79 KB shared policy in Chromium
# takes 23% less time (A/B in one page: 8.8 vs 11.4 ms idle, 12.6 vs 16.5 ms busy) for 7.9 KB
# more gzip, on a module only text policies load. Its own target dir keeps both std builds cached.
WASM_OPT_LEVEL=s CARGO_TARGET_DIR="$ROOT/target/engine" wasm_cargo build --release -p mingshi-policy
# The configuration messages, loaded only for a refused configuration, with the engine's
# settings (their std build is shared). A cargo run of their own: built together with the
# engine, core's `messages` feature would be unified into the engine too (+13 KB gzip).
WASM_OPT_LEVEL=s CARGO_TARGET_DIR="$ROOT/target/engine" wasm_cargo build --release -p mingshi-messages
rm -rf pkg
# mingshi: what every page loads; mingshi-policy: the policy engine, and mingshi-messages:
# the configuration messages, both loaded on demand.
for crate in target:mingshi:mingshi-wasm target/engine:mingshi_policy:mingshi-policy \
  target/engine:mingshi_messages:mingshi-messages; do
  IFS=: read -r dir name out <<<"$crate"
  # No generated .d.ts: the glue is internal, and js/index.d.ts types the public API. No
  # default wasm URL in the glue: js/index.js always passes module_or_path.
  wasm-bindgen --target web --no-typescript --omit-default-module-path --out-dir pkg --out-name "$out" \
    "$dir/wasm32-unknown-unknown/release/$name.wasm"
  # Table slots of js-sys closure shims nothing calls, emptied so wasm-opt drops their code:
  # -0.9 KB gzip on the component (the engine does not link js-sys and has none).
  # For the component, wasm-opt first flattens the code and rebuilds its control flow
  # (rereloop), then runs -Oz twice: -282 B gzip over one -Oz. Flattening and rebuilding once
  # more after the first -Oz, then repeating until nothing shrinks (--converge, 2 s): -90 B
  # more (-98 on a variant of the code: not a one-off). The engine and the messages keep one
  # -Oz, the engine's code shaped for speed.
  # Both: --low-memory-unused lets wasm-opt fold a constant added to a pointer (below 1024)
  # into the load's or store's offset: the two differ only when the sum wraps around 4 GB into
  # the first 1 KB of memory. Rust puts the stack first (0 to 1 MB, growing down; the data and
  # the heap follow), so that KB is reached only by a stack 1 MB deep, and by a wrapped
  # address only once the stack has overflowed past 0, where both forms are already wrong.
  # -266 B gzip on the component, -134 B on the engine (and an add less per such access).
  passes=(--low-memory-unused -Oz)
  if [ "$out" = mingshi-wasm ]; then
    # index.js instantiates the component itself (a smaller init() than wasm-bindgen's): the
    # glue exports its imports object and finalizer for it; its init() is then left unused.
    for f in __wbg_get_imports __wbg_finalize_init; do
      grep -q "^function $f(" "pkg/${out}.js" || { echo "pkg/${out}.js: no $f; did wasm-bindgen change?" >&2; exit 1; }
    done
    echo 'export { __wbg_get_imports, __wbg_finalize_init };' >>"pkg/${out}.js"
    node scripts/drop-dead-shims.mjs "pkg/${out}_bg.wasm"
    # Inlining: functions up to 3 instructions are always inlined (binaryen's default 2), and a
    # function with one caller only up to 20 (default: any size). Measured on the component
    # (gzip): 3/any -75 B, 4/any -83, 5/any -55, 6/any +21; 2/20 -314, 3/20 -379, 4/20 -387
    # (+400 B raw over 3/20); 3 with one-caller limits 0 -183, 5 -275, 10 -343, 15 -359, 25
    # -345, 30 -337, 45 -260, 100 -302, 300 -118, 1000 -99. The wasm grows by 1.1 KB raw (more,
    # smaller functions) while its gzip shrinks.
    passes=(--low-memory-unused --flatten --rereloop -Oz --flatten --rereloop -Oz -Oz --converge
      --always-inline-max-function-size=3 --one-caller-inline-max-function-size=20)
  fi
  if [ "$out" = mingshi-wasm ]; then
    # The same passes keeping the names, for scripts/size-breakdown.mjs (printed by size.sh).
    mkdir -p target/size
    wasm-opt "${passes[@]}" -g --enable-bulk-memory -o target/size/mingshi-wasm.names.wasm "pkg/${out}_bg.wasm"
  fi
  # WASM_NAMES=1: the component keeps its name section, paired with its glue (a profiling
  # build for bench/profile.mjs, whose profiles then name the wasm functions; not for pages).
  strip=(--strip-debug)
  [ "$out" = mingshi-wasm ] && [ "${WASM_NAMES-}" = 1 ] && strip=(-g)
  wasm-opt "${passes[@]}" --enable-bulk-memory "${strip[@]}" --strip-producers --strip-target-features -o "pkg/${out}_bg.wasm" "pkg/${out}_bg.wasm"
  # wasm-bindgen's glue comes out commented and indented: minified, 54 KB -> 24 KB raw.
  node_modules/.bin/esbuild "pkg/${out}.js" --minify --format=esm --target=es2020 \
    --log-level=warning --allow-overwrite --outfile="pkg/${out}.js"
  # Short names for what only the glue and the wasm share: -5.7 KB gzip on the component.
  node scripts/short-names.mjs "pkg/${out}"
done
# The hand-written JS is minified; its sources are in js/. The ES module entry index.js is
# one file with the component's glue, config.js and the mini-program bridge bundled in: a page
# loads one module, not three (each import() cost 3-12 ms at 4x CPU throttling). The policy
# engine's and the messages' glue stay separate files, imported on first use. The script-tag
# loader and the stub are classic scripts with config.js bundled in.
esb() { node_modules/.bin/esbuild "$@" --minify --target=es2020 --log-level=warning; }
cp js/index.js js/config.js js/miniprogram.js pkg/
# The module starts with V8's compile hint (Chromium 136+; other engines ignore the comment):
# its functions are compiled with the module, off the main thread, not one by one on their
# first call. A first visit calls about a hundred of them (the glue's imports, start, the
# policy's load), and compiling them as they were called took 3-4 ms of the main thread at
# 1x, four times that at 4x CPU throttling (traces up to the dialog, V8.CompileCode: ~100
# events, 3.5-5.4 ms at 1x, against 3-5 events, 0.3-0.4 ms, with the hint). +20 B gzip.
esb pkg/index.js --bundle --format=esm --external:./mingshi-policy.js \
  --external:./mingshi-messages.js --banner:js='//# allFunctionsCalledOnLoad' \
  --allow-overwrite --outfile=pkg/index.js
rm pkg/config.js pkg/miniprogram.js pkg/mingshi-wasm.js
esb js/mingshi.js --bundle --format=iife --outfile=pkg/mingshi.js
esb js/mingshi-stub.js --bundle --format=iife --outfile=pkg/mingshi-stub.js
# Single-file build: loader, glue and wasm (inlined) in one classic script.
cp js/single.js js/config.js pkg/
node_modules/.bin/esbuild pkg/single.js --bundle --format=iife --minify --target=es2020 \
  --loader:.wasm=binary --log-level=error --outfile=pkg/mingshi.single.js
rm pkg/single.js pkg/config.js
cp js/*.d.ts pkg/ 2>/dev/null || true
node scripts/compile-policies.mjs
rm -f pkg/.gitignore pkg/package.json

log "sizes: the code a page downloads"
"$ROOT/scripts/size.sh" || true
log "build took $(( $(date +%s) - start )) s"
