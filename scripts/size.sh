#!/usr/bin/env bash
# Prints the code a page downloads, raw and gzip -9, in three groups, and fails when a group's
# gzip total is over its budget in scripts/size-budget:
#   component: what every page loads (wasm + ES entry with the glue and the mini-program
#              bridge + script-tag loader + stub; the CSS is inside the wasm);
#   engine:    the policy engine, loaded only when the policy is given as text or by URL
#              (a precompiled policy never loads it);
#   messages:  the configuration messages, loaded only when the component refuses a
#              configuration (a valid one never loads them);
#   single:    the single-file build (mingshi.single.js: loader, glue and the three wasm
#              modules inlined as base64), for hosting one file.
# Sizes are deterministic, so this check may fail CI.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

budget() { awk -v k="$1" '$1 == k { print $2 }' scripts/size-budget; }

# group NAME FILE...: prints each file and the total; returns 1 when over budget.
group() {
  local name=$1; shift
  local limit total_raw=0 total_gz=0 raw gz f
  limit=$(budget "$name")
  if [ -z "$limit" ]; then echo "scripts/size-budget has no line for $name" >&2; return 1; fi
  echo "  $name:"
  for f in "$@"; do
    raw=$(wc -c <"$f"); gz=$(gzip -9 -c "$f" | wc -c)
    total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
    printf '    %-24s %8d B raw %8d B gzip\n' "$(basename "$f")" "$raw" "$gz"
  done
  printf '    %-24s %8d B raw %8d B gzip (budget %d B gzip)\n' "total" "$total_raw" "$total_gz" "$limit"
  if [ "$total_gz" -gt "$limit" ]; then
    echo "size budget exceeded: $name is $total_gz B gzip > $limit B (scripts/size-budget)" >&2
    return 1
  fi
}

ok=0
group component pkg/mingshi-wasm_bg.wasm pkg/index.js pkg/mingshi.js pkg/mingshi-stub.js || ok=1
# What the component's wasm holds, by Rust module (mingshi::lib is the exports, `start` with
# the configuration reading inlined into it).
if [ -f target/size/mingshi-wasm.names.wasm ]; then node scripts/size-breakdown.mjs; fi
group engine pkg/mingshi-policy_bg.wasm pkg/mingshi-policy.js || ok=1
group messages pkg/mingshi-messages_bg.wasm pkg/mingshi-messages.js || ok=1
group single pkg/mingshi.single.js || ok=1
exit $ok
