// Size of what the extension ships: the .wasm raw and gzip -9, each dist zip, and the largest
// contributors (twiggy top, on a copy of the same wasm that keeps its function names).
// Usage: node bench/size.mjs NAMED_WASM [--json FILE]   (run from the repo root after the build)
import { execFileSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';

const [namedWasm, flag, jsonOut] = process.argv.slice(2);
const shipped = 'dist/chrome/pkg/send_to_medium_bg.wasm';
const zips = ['dist/send-to-medium-chrome.zip', 'dist/send-to-medium-firefox.zip'];
const gzipSize = (file) => execFileSync('gzip', ['-9', '-c', file], { maxBuffer: 1 << 30 }).length;
const kb = (n) => `${(n / 1000).toFixed(0)} KB`; // KB = 1000 bytes, as the targets

const report = {
  wasm_raw: statSync(shipped).size,
  wasm_gzip: gzipSize(shipped),
  glue_js_raw: statSync('dist/chrome/pkg/send_to_medium.js').size,
  zips: Object.fromEntries(zips.filter(existsSync).map((z) => [z, statSync(z).size])),
  top: [],
};

// twiggy's CSV: rows of the largest items; the data segment is one row (.rodata, mostly tables:
// html5ever's entity map, encoding_rs's CJK tables, html-escape's entities).
if (namedWasm && existsSync(namedWasm)) {
  const csv = execFileSync('twiggy', ['top', '-n', '25', '-f', 'csv', namedWasm], { encoding: 'utf8', maxBuffer: 1 << 26 });
  report.top = csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const m = line.match(/^(.*),(\d+),([\d.]+),[^,]*,[^,]*$/) ?? line.match(/^(.*),(\d+),([\d.]+)/);
      return m && { item: m[1].replace(/^"|"$/g, '').replaceAll('""', '"'), bytes: Number(m[2]), percent: Number(m[3]) };
    })
    .filter(Boolean);
}

console.log('size');
console.log(`  wasm              ${kb(report.wasm_raw)} raw, ${kb(report.wasm_gzip)} gzip -9 (glue JS ${kb(report.glue_js_raw)})`);
for (const [zip, bytes] of Object.entries(report.zips)) console.log(`  ${zip.padEnd(34)}${kb(bytes)}`);
if (report.top.length) {
  console.log(`  largest items (twiggy top, names kept; shipped wasm has no name section):`);
  for (const row of report.top.filter((r) => !/function names|^Σ|and \d+ more/.test(r.item)).slice(0, 15)) {
    console.log(`    ${String(row.bytes).padStart(8)}  ${row.percent.toFixed(1).padStart(5)}%  ${row.item.slice(0, 110)}`);
  }
}
if (flag === '--json' && jsonOut) writeFileSync(jsonOut, JSON.stringify(report, null, 1));
