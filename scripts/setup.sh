#!/usr/bin/env bash
# Installs everything the project needs, idempotently, skipping what is already there:
# Debian packages (Chromium, chromedriver, binaryen, PostgreSQL, and — where rustup has no
# wasm32 target — Debian's rustc-web with its std sources and wasm-ld), the wasm-bindgen CLI
# pinned to Cargo.lock, and the npm dev dependencies.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

need=(chromium chromium-driver binaryen postgresql)
if ! have_rustup_wasm; then
  # These machines cannot download a rustup target: build std from Debian's sources.
  need+=(rustc-web cargo-web rust-web-src lld-22)
fi
missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

want=$(pinned_wasm_bindgen)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  log "installing wasm-bindgen-cli $want (about 3 minutes, once)"
  # No --locked: the registry mirror can lack the newest versions the CLI's lock names.
  cargo install -q wasm-bindgen-cli --version "$want"
fi

# Installed again when package-lock.json's content changed (not its date: a checkout or a
# second git worktree gives the same lock a newer date).
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -d node_modules/playwright-core ] || [ "$(cat node_modules/.mingshi-lock 2>/dev/null)" != "$lock_sum" ]; then
  log "installing npm dev dependencies"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > node_modules/.mingshi-lock
fi
log "setup complete"
