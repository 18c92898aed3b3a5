// Prints bench/wasm-profiles.sh's results as a Markdown table: size and in-browser speed per
// release-wasm variant. Usage: node bench/profiles-table.mjs RESULTS_DIR
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'bench/results/profiles';
const kb = (n) => (n / 1000).toFixed(0); // KB = 1000 bytes
const f = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '—');

const rows = readdirSync(dir)
  .filter((file) => file.endsWith('.size.json'))
  .map((file) => {
    const size = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const speedFile = join(dir, `${size.name}.speed.json`);
    const speed = existsSync(speedFile) ? JSON.parse(readFileSync(speedFile, 'utf8')) : { browsers: {} };
    return { size, chromium: speed.browsers.chromium, firefox: speed.browsers.firefox };
  });

const cell = (b) =>
  b ? `${f(b.ours.median, 2)} / ${f(b.ours.p95, 1)} | ${f(b.ratio_of_medians, 2)}× | ${f(b.cold_start.no_cache.init_ms.median)}` : '— | — | —';

console.log('| variant | raw KB | gzip KB | Chromium median / p95 ms | ours/theirs | cold init ms | Firefox median / p95 ms | ours/theirs | cold init ms |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const { size, chromium, firefox } of rows) {
  console.log(`| ${size.name} | ${kb(size.raw)} | ${kb(size.gzip)} | ${cell(chromium)} | ${cell(firefox)} |`);
}
