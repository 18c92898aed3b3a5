# `./build.sh bench [CORPUS_DIR]`: native throughput, wasm size, in-browser speed and cold start,
# then a summary (README, "Performance"). Never run by `test`; goals are reported, not asserted.
# Sourced by build.sh, whose steps (ensure_*, build_cli, build_extension, log) it uses.

TWIGGY_VERSION=0.8.0

ensure_twiggy() {
  command -v twiggy >/dev/null || cargo install twiggy --version "$TWIGGY_VERSION"
}

bench_native() {
  local corpus=$1 largest
  log "native: build_draft over $corpus, in-process, one core"
  cargo bench --bench throughput -- "$corpus" --json bench/results/native.json
  largest=$(find "$corpus" -maxdepth 1 -name '*.htm*' -printf '%s %p\n' | sort -n | tail -1 | cut -d' ' -f2-)
  bench/max-rss.py bench/results/cli-maxrss.json target/release/send-to-medium --format json "$largest"
}

# The shipped wasm keeps no name section; twiggy needs one, so bind the same .wasm again with it.
bench_size() {
  log "size: the shipped wasm, the zips, the largest contributors"
  rm -rf target/bench-named
  wasm-bindgen --target web --no-typescript --out-dir target/bench-named "$(wasm_file)"
  node bench/size.mjs target/bench-named/send_to_medium_bg.wasm --json bench/results/size.json
}

bench_browsers() {
  log "in-browser: html → draft against Readability.js + Turndown, and cold start"
  node bench/browser.mjs "$1" --json bench/results/browser.json
}

# bench [CORPUS_DIR]: every part, from a fresh build, then the summary of all of them.
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
  bench_native "$corpus"
  bench_size
  bench_browsers "$corpus"
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
