#!/usr/bin/env bash
# Measures what each release-wasm setting buys: builds the wasm once per variant of
# [profile.wasm-release] (overridden through CARGO_PROFILE_WASM_RELEASE_* so Cargo.toml is not
# touched) and optional wasm-opt passes, then prints size (raw, gzip -9) and in-browser speed.
# Built as build.sh builds the wasm: `cargo rustc --crate-type cdylib`, because Cargo silently
# skips LTO for a lib that is also an rlib. Slow (an LTO build per variant); not in `./build.sh bench`.
# Usage: bench/wasm-profiles.sh [CORPUS_DIR] [VARIANT...]   (run after ./build.sh bench once;
#        SKIP_BUILD=1 re-times the variants already built)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
CORPUS=${1:-../shared/corpus/aeb/html}
shift || true
OUT=target/profiles
RESULTS=bench/results/profiles
mkdir -p "$OUT" "$RESULTS"

# The crates where html → draft spends its time (README, "Performance": where the time goes).
HOT="html5ever markup5ever tendril dom_query dom_smoothie selectors string_cache"
hot_at() { local c; for c in $HOT; do printf 'profile.wasm-release.package.%s.opt-level=%s;' "$c" "$1"; done; }

# name | env overrides of [profile.wasm-release] | wasm-opt flags (empty: none) | cargo --config
# settings, ';'-separated (per-package opt-level)
VARIANTS=(
  "z-lto-cu1|OPT_LEVEL=z LTO=fat CODEGEN_UNITS=1|"
  "z-nolto|OPT_LEVEL=z LTO=off CODEGEN_UNITS=1|"
  "z-cu16|OPT_LEVEL=z LTO=fat CODEGEN_UNITS=16|"
  "z-abort|OPT_LEVEL=z LTO=fat CODEGEN_UNITS=1 PANIC=abort|"
  "z-strip|OPT_LEVEL=z LTO=fat CODEGEN_UNITS=1 STRIP=symbols|"
  "s|OPT_LEVEL=s LTO=fat CODEGEN_UNITS=1|"
  "2|OPT_LEVEL=2 LTO=fat CODEGEN_UNITS=1|"
  "3|OPT_LEVEL=3 LTO=fat CODEGEN_UNITS=1|"
  "z+wasm-opt-Oz|OPT_LEVEL=z LTO=fat CODEGEN_UNITS=1|-Oz"
  "s+wasm-opt-Os|OPT_LEVEL=s LTO=fat CODEGEN_UNITS=1|-Os"
  "3+wasm-opt-O3|OPT_LEVEL=3 LTO=fat CODEGEN_UNITS=1|-O3"
  "3+wasm-opt-Oz|OPT_LEVEL=3 LTO=fat CODEGEN_UNITS=1|-Oz"
  "s+hot3|OPT_LEVEL=s LTO=fat CODEGEN_UNITS=1||$(hot_at 3)"
  "z+hot3|OPT_LEVEL=z LTO=fat CODEGEN_UNITS=1||$(hot_at 3)"
  "2-nolto|OPT_LEVEL=2 LTO=off CODEGEN_UNITS=1|"
  "2+wasm-opt-O2|OPT_LEVEL=2 LTO=fat CODEGEN_UNITS=1|-O2"
  # The chosen build plus wasm-opt, with binaryen's memory packing (which makes gzip worse) skipped.
  "z+hot3+wasm-opt-Oz|OPT_LEVEL=z LTO=fat CODEGEN_UNITS=1|-Oz --skip-pass=memory-packing|$(hot_at 3)"
  "z+hot3+wasm-opt-O3|OPT_LEVEL=z LTO=fat CODEGEN_UNITS=1|-O3 --skip-pass=memory-packing|$(hot_at 3)"
  # Our own crate faster too: its opt-level is also the one fat LTO optimises the whole module at.
  "z+hot3+own-s|OPT_LEVEL=z LTO=fat CODEGEN_UNITS=1||$(hot_at 3)profile.wasm-release.package.send-to-medium.opt-level=\"s\";"
  "z+hot3+own3|OPT_LEVEL=z LTO=fat CODEGEN_UNITS=1||$(hot_at 3)profile.wasm-release.package.send-to-medium.opt-level=3;"
)
WANT=("$@")

wanted() {
  [ ${#WANT[@]} -eq 0 ] && return 0
  local w
  for w in "${WANT[@]}"; do [ "$w" = "$1" ] && return 0; done
  return 1
}

for entry in "${VARIANTS[@]}"; do
  IFS='|' read -r name overrides opt_flags cargo_config <<<"$entry"
  wanted "$name" || continue
  [ -n "${SKIP_BUILD:-}" ] && continue
  # Cargo.toml raises the hot crates to opt-level 3; a variant without its own per-crate
  # settings builds every crate at its one opt-level.
  level=$(sed -n 's/.*OPT_LEVEL=\([^ ]*\).*/\1/p' <<<"$overrides")
  case $level in s | z) level="\"$level\"" ;; esac
  [ -z "$cargo_config" ] && cargo_config=$(hot_at "$level")
  config_args=()
  IFS=';' read -ra settings <<<"$cargo_config"
  for setting in "${settings[@]}"; do [ -n "$setting" ] && config_args+=(--config "$setting"); done
  pkg="$OUT/pkg-$name"
  env_args=()
  for kv in $overrides; do env_args+=("CARGO_PROFILE_WASM_RELEASE_$kv"); done
  printf '\n== %s: %s %s\n' "$name" "$overrides" "${opt_flags:+wasm-opt $opt_flags}" >&2
  start=$(date +%s)
  env "${env_args[@]}" CARGO_TARGET_DIR="$OUT/cargo" \
    cargo rustc --quiet "${config_args[@]}" --profile wasm-release --target wasm32-unknown-unknown \
    --lib --crate-type cdylib
  rm -rf "$pkg"
  wasm-bindgen --target web --no-typescript --experimental-reset-state-function \
    --remove-name-section --remove-producers-section \
    --out-dir "$pkg" "$OUT/cargo/wasm32-unknown-unknown/wasm-release/send_to_medium.wasm"
  if [ -n "$opt_flags" ]; then
    # binaryen is not a project dependency (wasm-opt did not pay: see the README's table).
    [ -x node_modules/.bin/wasm-opt ] || npm install --no-save --no-audit --no-fund binaryen@132.0.0
    node_modules/.bin/wasm-opt $opt_flags --enable-bulk-memory --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
      "$pkg/send_to_medium_bg.wasm" -o "$pkg/send_to_medium_bg.wasm"
  fi
  build_s=$(( $(date +%s) - start ))
  raw=$(stat -c %s "$pkg/send_to_medium_bg.wasm")
  gz=$(gzip -9 -c "$pkg/send_to_medium_bg.wasm" | wc -c)
  printf '{"name":"%s","overrides":"%s","wasm_opt":"%s","raw":%s,"gzip":%s,"build_s":%s}\n' \
    "$name" "$overrides" "$opt_flags" "$raw" "$gz" "$build_s" >"$RESULTS/$name.size.json"
done

# Speed after all builds, so compiling never competes with the timed runs.
for entry in "${VARIANTS[@]}"; do
  IFS='|' read -r name _ _ _ <<<"$entry"
  wanted "$name" || continue
  printf '\n== speed: %s\n' "$name" >&2
  node bench/browser.mjs "$CORPUS" --pkg "$OUT/pkg-$name" --rounds "${ROUNDS:-5}" --warmup 2 \
    --cold "${COLD:-10}" --quiet 1 --json "$RESULTS/$name.speed.json"
done

node bench/profiles-table.mjs "$RESULTS"
