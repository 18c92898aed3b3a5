// The last screen of `./build.sh bench`: every figure of issue 6 next to its goal, from the JSON
// the parts wrote to bench/results/. Goals are reported, never asserted.
// Usage: node bench/summary.mjs [RESULTS_DIR]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';

const dir = process.argv[2] ?? 'bench/results';
const read = (name) => (existsSync(join(dir, name)) ? JSON.parse(readFileSync(join(dir, name), 'utf8')) : null);
const native = read('native.json');
const size = read('size.json');
const browser = read('browser.json');
const rss = read('cli-maxrss.json');

const f = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
const mark = (ok) => (ok ? 'met' : 'NOT met');
const rows = [];
const row = (what, value, goal, ok) => rows.push([what, value, goal, ok === undefined ? '' : mark(ok)]);

for (const [name, b] of Object.entries(browser?.browsers ?? {})) {
  row(`${name}: html→draft median, ours vs Readability+Turndown`, `${f(b.ours.median, 2)} vs ${f(b.theirs.median, 2)} ms = ${f(b.ratio_of_medians, 2)}× (per-page ratio median ${f(b.median_per_page_ratio, 2)}×)`, '≤ 0.5×', b.ratio_of_medians <= 0.5);
  row(`${name}: html→draft p95, ours vs theirs`, `${f(b.ours.p95, 1)} vs ${f(b.theirs.p95, 1)} ms = ${f(b.ratio_of_p95, 2)}×`, name === 'chromium' ? '< 50 ms (≤ 1 MB pages)' : '', name === 'chromium' ? b.ours_p95_up_to_1mb < 50 : undefined);
  row(`${name}: output non-empty`, `ours ${b.output.ours_nonempty}/${b.pages}, theirs ${b.output.theirs_nonempty}/${b.pages}`, 'all', b.output.ours_nonempty === b.pages);
  // The goal is judged on the wasm's own part (fetch + compile + instantiate + start); the time
  // from navigation adds the page and its glue script, which headless tab creation inflates.
  row(`${name}: cold start, wasm init (not cached)`, `${f(b.cold_start.no_cache.init_ms.median)} ms (p95 ${f(b.cold_start.no_cache.init_ms.p95)}); ${f(b.cold_start.no_cache.ready_ms.median)} ms from navigation; HTTP-cached init ${f(b.cold_start.http_cache.init_ms.median)} ms`, name === 'chromium' ? '< 30 ms' : '', name === 'chromium' ? b.cold_start.no_cache.init_ms.median < 30 : undefined);
}
if (size) {
  row('wasm size', `${f(size.wasm_raw / 1000, 0)} KB raw, ${f(size.wasm_gzip / 1000, 0)} KB gzip -9`, '≤ 350 KB gzip', size.wasm_gzip <= 350_000);
  for (const [zip, bytes] of Object.entries(size.zips)) row(zip.replace('dist/', ''), `${f(bytes / 1000, 0)} KB`, '');
}
if (native) {
  row('CLI throughput (one core, in-process)', `${f(native.mb_per_s)} MB/s; per page median ${f(native.page_median_ms, 2)} ms, p95 ${f(native.page_p95_ms, 2)} ms`, '≥ 40 MB/s', native.mb_per_s >= 40);
  row('peak heap (counting allocator)', `${f(native.largest_page.peak_heap_bytes / 1e6)} MB on the largest page (${f(native.largest_page.bytes / 1000, 0)} KB); max ${f(native.max_peak_heap_bytes / 1e6)} MB`, '');
}
if (rss) row('CLI max RSS on the largest page', `${f(rss.maxrss_kb / 1000)} MB`, '');

const width = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
console.log(`\nsummary (${browser?.corpus ?? native?.corpus ?? ''}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on this machine)`);
for (const r of rows) console.log(`  ${r[0].padEnd(width[0])}  ${r[1].padEnd(width[1])}  ${r[2].padEnd(width[2])}  ${r[3]}`);
