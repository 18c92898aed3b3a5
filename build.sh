#!/usr/bin/env bash
# Send to Medium: the commands of the README, each a short list of the steps below.
#   ./build.sh            build the CLI and the extension (dist/chrome, dist/firefox, the zips)
#   ./build.sh run [chromium|firefox]   build, serve the sample post, open it with the extension
#   ./build.sh dist-test  the test build (dist-test/): adds http://127.0.0.1/* and test-config.js
#   ./build.sh test       install what is missing, then run every test (what CI runs)
#   ./build.sh bench [CORPUS_DIR]   speed and size against Readability.js + Turndown (not a test;
#                         bench/bench.sh)
#   ./build.sh bench --cold [CORPUS_DIR] [--pages N] [--rounds N]   fresh popups, ours vs an anchor
# Each step installs what it needs on a fresh machine; nothing has to be installed by hand.
# The Rust toolchain, rustfmt, clippy and the wasm target come from rust-toolchain.toml.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

log() { printf '\n== %s\n' "$*" >&2; }
export PATH="$HOME/.cargo/bin:$PATH"

# --- what the steps need ---------------------------------------------------------------------

WASM_TARGET=wasm32-unknown-unknown
GECKODRIVER_VERSION=0.37.1

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# The toolchain of rust-toolchain.toml with its components and target. rustup installs a missing
# one on first use by itself, except with RUSTUP_AUTO_INSTALL=0 (as on these machines): asking
# costs nothing when everything is there.
ensure_rust_toolchain() {
  rustup --quiet toolchain install --no-self-update
}

# The wasm-bindgen CLI must match the wasm-bindgen crate exactly: Cargo knows the locked version.
wasm_bindgen_version() {
  local id
  id=$(cargo pkgid --quiet wasm-bindgen)  # registry+…#wasm-bindgen@0.2.130
  echo "${id##*@}"
}

ensure_wasm_bindgen() {
  local want have
  want=$(wasm_bindgen_version)
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" != "$want" ]; then
    log "installing wasm-bindgen-cli $want (matches Cargo.lock)"
    # Not --locked: its lockfile pins a webpki-roots version the registry mirror lacks.
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

ensure_browsers() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} (apt)"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  fi
}

ensure_geckodriver() {
  command -v geckodriver >/dev/null || cargo install geckodriver --version "$GECKODRIVER_VERSION"
}

ensure_npm_packages() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "npm ci (web-ext, playwright-core, selenium-webdriver)"
    npm ci --no-audit --no-fund
  fi
}

# --- build steps -----------------------------------------------------------------------------

build_cli() {
  log "building the CLI (release)"
  cargo build --release --bin send-to-medium
}

wasm_file() { echo "target/$WASM_TARGET/wasm-release/send_to_medium.wasm"; }

# The extension: the core compiled to wasm, wasm-bindgen's ES module glue in pkg/.
build_wasm() {
  ensure_wasm_bindgen
  log "building the wasm core (profile wasm-release)"
  # `rustc --crate-type cdylib`, not `build`: Cargo skips LTO for a lib that is also an rlib.
  cargo rustc --profile wasm-release --target "$WASM_TARGET" --lib --crate-type cdylib
  rm -rf target/ext-pkg
  wasm-bindgen --target web --no-typescript --experimental-reset-state-function \
    --remove-name-section --remove-producers-section \
    --out-dir target/ext-pkg "$(wasm_file)"
}

# emit_extension OUT_DIR chrome|firefox [--test]: extension/ + pkg/ + that browser's manifest.
emit_extension() {
  local out=$1 browser=$2 flag=${3:-}
  rm -rf "$out" && mkdir -p "$out"
  cp -R extension/. "$out/"
  cp -R target/ext-pkg "$out/pkg"
  node extension-dev/make-manifest.mjs "$browser" "$out/manifest.json" $flag
  if [ "$flag" = --test ]; then cp tests/browser/test-config.js "$out/test-config.js"; fi
}

build_extension() {
  build_wasm
  log "emitting dist/chrome and dist/firefox (+ zips)"
  local browser
  for browser in chrome firefox; do
    emit_extension "dist/$browser" "$browser"
    node extension-dev/zip.mjs "dist/$browser" "dist/send-to-medium-$browser.zip"
  done
}

build_extension_test() {
  log "emitting the test build dist-test/{chrome,firefox}"
  emit_extension dist-test/chrome chrome --test
  emit_extension dist-test/firefox firefox --test
}

# --- checks and tests ------------------------------------------------------------------------

check_style() {
  log "cargo fmt --check"
  cargo fmt --all -- --check
  log "cargo clippy --all-targets -- -D warnings"
  cargo clippy --all-targets -- -D warnings
  log "cargo clippy --target $WASM_TARGET (the wasm boundary)"
  cargo clippy --target "$WASM_TARGET" --lib --test wasm_boundary -- -D warnings
}

test_core() {
  log "core tests (native)"
  cargo test --all-targets
}

test_fake_medium() {
  log "fake Medium follows the documented API contract (node --test)"
  node --test tests/fake-medium/
}

lint_extension() {
  ensure_npm_packages
  log "web-ext lint dist/firefox (0 errors, 0 warnings)"
  npx web-ext lint --source-dir dist/firefox --warnings-as-errors
}

test_wasm_boundary() {
  ensure_wasm_bindgen
  log "wasm-bindgen tests of the boundary (Node)"
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test --target "$WASM_TARGET" --test wasm_boundary
}

test_browsers() {
  ensure_browsers
  ensure_geckodriver
  ensure_npm_packages
  log "end-to-end tests in headless Chromium and Firefox ESR"
  node --test --test-concurrency=1 tests/browser/*.test.mjs
}

# Serves the sample post and opens it in a browser with the extension loaded.
run_in_browser() {
  local browser=$1 port=8917
  ensure_browsers
  ensure_npm_packages
  node extension-dev/serve.mjs extension-dev/sample-blog "$port" &
  SAMPLE_SERVER_PID=$!
  trap 'kill "$SAMPLE_SERVER_PID" 2>/dev/null || true' EXIT
  trap 'exit 130' INT TERM
  local url="http://127.0.0.1:$port/posts/sourdough-at-altitude/"
  log "sample post at $url — click the green toolbar button (or Alt+Shift+M)"
  case "$browser" in
    chromium)
      local profile sandbox=()
      profile=$(mktemp -d)
      [ "$(id -u)" = 0 ] && sandbox=(--no-sandbox) # Chromium refuses to run as root with its sandbox
      /usr/bin/chromium "${sandbox[@]}" --user-data-dir="$profile" --no-first-run --disable-sync \
        --disable-extensions-except="$ROOT/dist/chrome" --load-extension="$ROOT/dist/chrome" "$url"
      ;;
    firefox)
      npx web-ext run --source-dir dist/firefox --firefox=/usr/bin/firefox-esr --start-url "$url"
      ;;
  esac
}

# --- commands --------------------------------------------------------------------------------

cmd_build() {
  build_cli
  build_extension
  if [ "${TEST_BUILD:-}" = 1 ]; then build_extension_test; fi
}

cmd_run() {
  case "${1:-chromium}" in
    chromium | firefox) ;;
    *) echo "usage: ./build.sh run [chromium|firefox]" >&2; exit 2 ;;
  esac
  build_extension
  run_in_browser "${1:-chromium}"
}

cmd_dist_test() {
  build_extension
  build_extension_test
}

cmd_test() {
  check_style
  test_core
  test_fake_medium
  build_extension
  build_extension_test
  lint_extension
  test_wasm_boundary
  test_browsers
}

usage() {
  echo "usage: ./build.sh [build|run [chromium|firefox]|dist-test|test|bench [--cold] [CORPUS_DIR]]" >&2
  exit 2
}

command=${1:-build}
[ $# -gt 0 ] && shift
case "$command" in
  build | run | dist-test | test | bench) ensure_rust_toolchain ;;
  *) usage ;;
esac
case "$command" in
  build) cmd_build ;;
  run) cmd_run "$@" ;;
  dist-test) cmd_dist_test ;;
  test) cmd_test ;;
  bench) source bench/bench.sh && if [ "${1:-}" = --cold ]; then cmd_bench_cold "${@:2}"; else cmd_bench "$@"; fi ;;
esac
