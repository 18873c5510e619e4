#!/usr/bin/env bash
# Runs every test: lint (rustfmt, clippy), native Rust tests (core, server on SQLite and
# PostgreSQL, CLI), the component's DOM tests in headless Chromium, the end-to-end browser
# tests against a real server, and the size budget. Installs what is missing first.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

t0=$(date +%s)
step() { log "$1 ($(( $(date +%s) - t0 )) s so far)"; }

"$ROOT/scripts/setup.sh"

step "lint: rustfmt, and clippy with warnings as errors (every crate, the component's too)"
if cargo clippy --version >/dev/null 2>&1 && cargo fmt --version >/dev/null 2>&1; then
  cargo fmt --all -- --check
  cargo clippy -q --workspace --all-targets --all-features -- -D warnings
  # Core as the component builds it, without the configuration messages: its tests too.
  cargo clippy -q -p mingshi-core --no-default-features --all-targets -- -D warnings
else
  log "WARNING: this toolchain has no clippy/rustfmt (rustup component add clippy rustfmt): lint skipped"
fi

step "native tests: core, server (SQLite and PostgreSQL), command-line tool"
"$ROOT/scripts/with-postgres.sh" cargo test --all-features

step "building the wasm component"
"$ROOT/scripts/build.sh"

step "size budget"
"$ROOT/scripts/size.sh"

step "component DOM tests in headless Chromium (wasm-bindgen-test)"
# Tests cannot use panic=immediate-abort; a separate target dir keeps both std builds cached.
# The runner gives chromedriver 5 s to start by default: on a busy machine it once took longer
# ("driver failed to bind port during startup"), so 60.
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_DRIVER_TIMEOUT=60 \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
WASM_RUSTFLAGS="" CARGO_TARGET_DIR="$ROOT/target/wasm-test" \
  wasm_cargo test -p mingshi --test browser

step "end-to-end tests: real server, real Chromium"
cargo build -q -p mingshi-server
node --test --test-concurrency=1 tests/e2e/

step "all tests passed in $(( $(date +%s) - t0 )) s"
