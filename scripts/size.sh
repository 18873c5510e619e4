#!/usr/bin/env bash
# Prints the code a page downloads (wasm + JS glue + loader + stub; the CSS is inside the
# wasm), raw and gzip -9, and fails when the gzip total is over the budget.
# Sizes are deterministic, so this check may fail CI.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

BUDGET=${MINGSHI_SIZE_BUDGET:-$(cat scripts/size-budget)}
total_raw=0; total_gz=0
for f in pkg/mingshi-wasm_bg.wasm pkg/mingshi-wasm.js pkg/index.js pkg/mingshi.js pkg/mingshi-stub.js; do
  raw=$(wc -c <"$f"); gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  printf '  %-24s %8d B raw %8d B gzip\n' "$(basename "$f")" "$raw" "$gz"
done
printf '  %-24s %8d B raw %8d B gzip (budget %d B gzip)\n' "total" "$total_raw" "$total_gz" "$BUDGET"
if [ "$total_gz" -gt "$BUDGET" ]; then
  echo "size budget exceeded: $total_gz B gzip > $BUDGET B (scripts/size-budget)" >&2
  exit 1
fi
