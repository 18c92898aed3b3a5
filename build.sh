#!/usr/bin/env bash
# Send to Medium: the two commands of the README, and the steps they share.
#   ./build.sh            build the CLI and the extension (dist/chrome, dist/firefox)
#   ./build.sh run [chromium|firefox]   build, serve the sample post, open it with the extension
#   ./build.sh dist-test  the test build (dist-test/): adds http://127.0.0.1/* and test-config.js
#   ./build.sh test       install what is missing, then run every test (what CI runs)
#   ./build.sh bench [CORPUS_DIR]   speed and size against Readability.js + Turndown (not a test)
#   ./build.sh bench --cold [CORPUS_DIR] [--pages N] [--rounds N]   fresh popups, ours vs an anchor
# Each step installs what it needs on a fresh machine; nothing has to be installed by hand.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

log() { printf '\n== %s\n' "$*" >&2; }
export PATH="$HOME/.cargo/bin:$PATH"

# --- toolchain -------------------------------------------------------------------------------

ensure_rust_components() {
  rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
}

# --- toolchain: the extension --------------------------------------------------------------

WASM_TARGET=wasm32-unknown-unknown
GECKODRIVER_VERSION=0.37.1

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_wasm_target() {
  rustup target list --installed | grep -qx "$WASM_TARGET" || rustup target add "$WASM_TARGET"
}

# The CLI must match the wasm-bindgen crate exactly: read its version from Cargo.lock.
wasm_bindgen_version() {
  awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
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

# The extension: the core compiled to wasm, wasm-bindgen's ES module glue in pkg/.
build_wasm() {
  ensure_wasm_target
  ensure_wasm_bindgen
  log "building the wasm core (profile wasm-release)"
  # `rustc --crate-type cdylib`, not `build`: Cargo skips LTO for a lib that is also an rlib.
  cargo rustc --profile wasm-release --target "$WASM_TARGET" --lib --crate-type cdylib
  rm -rf target/ext-pkg
  wasm-bindgen --target web --no-typescript --experimental-reset-state-function \
    --remove-name-section --remove-producers-section \
    --out-dir target/ext-pkg "target/$WASM_TARGET/wasm-release/send_to_medium.wasm"
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

zip_dir() { python3 -c 'import shutil, sys; shutil.make_archive(sys.argv[1], "zip", sys.argv[2])' "$1" "$2"; }

build_extension() {
  build_wasm
  log "emitting dist/chrome and dist/firefox (+ zips)"
  emit_extension dist/chrome chrome
  emit_extension dist/firefox firefox
  zip_dir dist/send-to-medium-chrome dist/chrome
  zip_dir dist/send-to-medium-firefox dist/firefox
}

build_extension_test() {
  log "emitting the test build dist-test/{chrome,firefox}"
  emit_extension dist-test/chrome chrome --test
  emit_extension dist-test/firefox firefox --test
}

lint_extension() {
  ensure_npm_packages
  log "web-ext lint dist/firefox (0 errors, 0 warnings)"
  npx web-ext lint --source-dir dist/firefox --warnings-as-errors
}

check_wasm_style() {
  ensure_wasm_target
  log "cargo clippy --target $WASM_TARGET (the wasm boundary)"
  cargo clippy --target "$WASM_TARGET" --lib --test wasm_boundary -- -D warnings
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
  local browser=${1:-chromium} port=8917
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
    *) echo "usage: ./build.sh run [chromium|firefox]" >&2; exit 2 ;;
  esac
}

# --- benchmarks (issue 6): never run by `test`; goals are reported, not asserted ---------------

TWIGGY_VERSION=0.8.0

ensure_twiggy() {
  command -v twiggy >/dev/null || cargo install twiggy --version "$TWIGGY_VERSION"
}

# bench CORPUS_DIR: native throughput, wasm size, in-browser speed and cold start, then a summary.
cmd_bench() {
  local corpus=${1:-$ROOT/../shared/corpus/aeb/html}
  [ -d "$corpus" ] || { echo "bench: no corpus folder at $corpus (give one: ./build.sh bench DIR)" >&2; exit 2; }
  corpus=$(cd "$corpus" && pwd)
  ensure_browsers
  ensure_geckodriver
  ensure_npm_packages
  ensure_twiggy
  build_cli
  build_extension
  mkdir -p bench/results
  log "native: build_draft over $corpus, in-process, one core"
  cargo bench --bench throughput -- "$corpus" --json bench/results/native.json
  local largest
  largest=$(find "$corpus" -maxdepth 1 -name '*.htm*' -printf '%s %p\n' | sort -n | tail -1 | cut -d' ' -f2-)
  python3 -c 'import json, resource, subprocess, sys
subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, check=True)
json.dump({"file": sys.argv[-1], "maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}, open(sys.argv[1], "w"))' \
    bench/results/cli-maxrss.json target/release/send-to-medium --format json "$largest"
  log "size: the shipped wasm, the zips, the largest contributors"
  rm -rf target/bench-named
  wasm-bindgen --target web --no-typescript --out-dir target/bench-named \
    "target/$WASM_TARGET/wasm-release/send_to_medium.wasm"
  node bench/size.mjs target/bench-named/send_to_medium_bg.wasm --json bench/results/size.json
  log "in-browser: html → draft against Readability.js + Turndown, and cold start"
  node bench/browser.mjs "$corpus" --json bench/results/browser.json
  node bench/summary.mjs bench/results
}

# bench --cold [CORPUS_DIR] [OPTIONS]: click to draft in fresh popups of the test build, phase by
# phase, against the anchor extension in bench/anchor (bench/cold.mjs).
cmd_bench_cold() {
  ensure_browsers
  ensure_geckodriver
  ensure_npm_packages
  build_extension
  build_extension_test
  mkdir -p bench/results
  node bench/cold.mjs "$@" --json bench/results/cold.json
}

# --- commands --------------------------------------------------------------------------------

cmd_build() {
  build_cli
  build_extension
  if [ "${TEST_BUILD:-}" = 1 ]; then build_extension_test; fi
}

cmd_test() {
  check_style
  check_wasm_style
  test_core
  test_fake_medium
  build_extension
  build_extension_test
  lint_extension
  test_wasm_boundary
  test_browsers
}

case "${1:-build}" in
  build) cmd_build ;;
  run) build_extension; run_in_browser "${2:-chromium}" ;;
  dist-test) build_extension; build_extension_test ;;
  test) cmd_test ;;
  bench) if [ "${2:-}" = --cold ]; then cmd_bench_cold "${@:3}"; else cmd_bench "${2:-}"; fi ;;
  *) echo "usage: ./build.sh [build|run [chromium|firefox]|dist-test|test|bench [--cold] [CORPUS_DIR]]" >&2; exit 2 ;;
esac
