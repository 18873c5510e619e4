# Shared helpers for the project scripts: where we are, and how to call cargo for wasm.
# Sourced, not run.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# True when rustup has the wasm32 standard library (a normal laptop); otherwise we build
# std from Debian's rust-web-src with -Z build-std (these machines cannot add targets).
have_rustup_wasm() {
  command -v rustup >/dev/null 2>&1 &&
    rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown
}

# Runs cargo for the wasm32 target in whichever of the two worlds we are in.
# Usage: wasm_cargo build|test [args...]
wasm_cargo() {
  local sub=$1; shift
  # Without reference types: wasm-opt 108 (Debian's binaryen) breaks wasm-bindgen's
  # externref table ("WebAssembly.Table.set(): Argument 1 is invalid for table").
  local features="-Ctarget-feature=-reference-types,+bulk-memory"
  # Smallest code for the browser (WASM_OPT_LEVEL=s for the policy engine, see build.sh);
  # native release builds stay at opt-level 3.
  local CARGO_PROFILE_RELEASE_OPT_LEVEL=${WASM_OPT_LEVEL:-z}
  export CARGO_PROFILE_RELEASE_OPT_LEVEL
  if have_rustup_wasm; then
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$features" \
      cargo "$sub" --target wasm32-unknown-unknown "$@"
  else
    # Building std ourselves also lets us make it small: panic=immediate-abort drops the
    # panic machinery, fmt-debug=none the Debug impls, location-detail=none the source
    # locations, and std's optimize_for_size feature picks its small sorts (measured:
    # -5 KB gzip on the component, -6.5 KB on the policy engine). Tests set
    # WASM_RUSTFLAGS="" because the test harness needs panics that print. WASM_SIZE_RUSTFLAGS
    # adds flags for one build only (build.sh: the component's; nightly-only flags, so not on
    # the rustup path above).
    RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 \
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-22 \
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$features ${WASM_RUSTFLAGS--Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none} ${WASM_SIZE_RUSTFLAGS-}" \
      /usr/bin/cargo "$sub" --target wasm32-unknown-unknown -Z build-std=std,panic_abort \
      -Z build-std-features=optimize_for_size "$@"
  fi
}

# The wasm-bindgen version pinned in Cargo.lock (the CLI must match it exactly).
pinned_wasm_bindgen() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}
