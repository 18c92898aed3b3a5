// The in-browser bench driver: serves the bench page, the extension's own pkg/, Readability.js,
// Turndown and a corpus folder on 127.0.0.1, runs bench/page in headless Chromium (playwright-core)
// and Firefox ESR (selenium-webdriver + geckodriver), and prints html → draft times, ours against
// Readability.js + Turndown, plus the wasm cold start.
// Usage: node bench/browser.mjs CORPUS_DIR [--browsers chromium,firefox] [--rounds 7] [--warmup 2]
//        [--cold 15] [--json FILE] [--pkg DIR (default: each browser's dist/*/pkg)] [--quiet 1]
import { createServer } from 'node:http';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

const args = parseArgs(process.argv.slice(2));
const corpus = resolve(args._[0] ?? join(ROOT, '../shared/corpus/aeb/html'));
const browsers = (args.browsers ?? 'chromium,firefox').split(',').filter(Boolean);
const rounds = Number(args.rounds ?? 7);
const warmup = Number(args.warmup ?? 2);
const coldLoads = Number(args.cold ?? 15);

function parseArgs(argv) {
  const out = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) out[argv[i].slice(2)] = argv[++i];
    else out._.push(argv[i]);
  }
  return out;
}

/** Corpus pages with their real address when the corpus has `../ground-truth.json` ({id: {url}}). */
function corpusPages(dir) {
  let truth = {};
  const truthFile = join(dir, '..', 'ground-truth.json');
  if (existsSync(truthFile)) truth = JSON.parse(readFileSync(truthFile, 'utf8'));
  return readdirSync(dir)
    .filter((f) => /\.html?$/.test(f))
    .sort()
    .map((file) => {
      const id = file.replace(/\.html?$/, '');
      return { file, bytes: statSync(join(dir, file)).size, url: truth[id]?.url ?? `http://127.0.0.1/${file}` };
    });
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json' };

/**
 * One origin for everything, cross-origin isolated (COOP/COEP) so performance.now() has
 * microsecond resolution in both browsers. `/pkg/` is never cached (a genuinely cold compile);
 * `/pkg-cached/` is the same files, cacheable, for the repeat-open cold start.
 */
function startServer(pkgDir, pages) {
  const routes = [
    ['/bench/', join(ROOT, 'bench/page')],
    ['/pkg-cached/', pkgDir],
    ['/pkg/', pkgDir],
    ['/corpus/', corpus],
  ];
  const files = {
    '/vendor/Readability.js': join(ROOT, 'node_modules/@mozilla/readability/Readability.js'),
    '/vendor/turndown.js': join(ROOT, 'node_modules/turndown/lib/turndown.browser.es.js'),
  };
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    const headers = {
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'cache-control': path.startsWith('/pkg-cached/') ? 'max-age=3600' : 'no-store',
    };
    if (path === '/corpus.json') {
      response.writeHead(200, { ...headers, 'content-type': TYPES['.json'] }).end(JSON.stringify(pages));
      return;
    }
    let file = files[path];
    for (const [prefix, dir] of routes) {
      if (!file && path.startsWith(prefix)) {
        const rest = path.slice(prefix.length);
        if (!rest.split('/').includes('..')) file = join(dir, rest);
      }
    }
    try {
      const body = readFileSync(file);
      response.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404, headers).end('not found');
    }
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ server, origin: `http://127.0.0.1:${server.address().port}` })));
}

// --- browsers: each exposes open(url) → a handle with evaluate(fn) and close() --------------

async function chromiumSession() {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const context = await browser.newContext();
  return {
    name: 'chromium',
    version: browser.version(),
    async open(url) {
      const page = await context.newPage();
      await page.goto(url);
      return { evaluate: (fn) => page.evaluate(fn), close: () => page.close() };
    },
    close: () => browser.close(),
  };
}

async function firefoxSession() {
  const { Builder } = await import('selenium-webdriver');
  const firefox = (await import('selenium-webdriver/firefox.js')).default;
  const options = new firefox.Options().addArguments('-headless').setBinary('/usr/bin/firefox-esr');
  const service = new firefox.ServiceBuilder(process.env.GECKODRIVER ?? 'geckodriver').addArguments('--allow-system-access');
  const driver = await new Builder().forBrowser('firefox').setFirefoxOptions(options).setFirefoxService(service).build();
  const caps = await driver.getCapabilities();
  return {
    name: 'firefox',
    version: `${caps.get('browserName')} ${caps.get('browserVersion')}`,
    async open(url) {
      await driver.get(url);
      return { evaluate: (fn) => driver.executeScript(`return (${fn.toString()})()`), close: async () => {} };
    },
    close: () => driver.quit(),
  };
}

async function poll(check, { timeout, interval = 20 }) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((done) => setTimeout(done, interval));
  }
}

/** Median of N fresh loads of the cold-start page, per caching mode. */
async function coldStart(session, origin) {
  const out = {};
  for (const [mode, pkg] of [['no_cache', '/pkg/'], ['http_cache', '/pkg-cached/']]) {
    const samples = [];
    for (let i = -1; i < coldLoads; i++) {
      const tab = await session.open(`${origin}/bench/cold.html?pkg=${pkg}&load=${i}`);
      const result = await poll(() => tab.evaluate(() => window.coldStart ?? null), { timeout: 20_000 });
      await tab.close();
      if (i >= 0) samples.push(result); // the first load only primes the browser (and the cache)
    }
    out[mode] = {
      loads: samples.length,
      ready_ms: stats(samples.map((s) => s.ready_ms)),
      init_ms: stats(samples.map((s) => s.init_ms)),
    };
  }
  return out;
}

async function throughput(session, origin) {
  const tab = await session.open(`${origin}/bench/bench.html?rounds=${rounds}&warmup=${warmup}`);
  let lastShown = '';
  const state = await poll(
    async () => {
      const s = await tab.evaluate(() => {
        const st = window.benchState;
        return st && { phase: st.phase, done: st.done, total: st.total, error: st.error, finished: st.phase === 'done' || st.phase === 'failed' };
      });
      const line = s && `${s.phase} ${s.done}/${s.total}`;
      if (line && line !== lastShown && s.done % 92 < 4) {
        process.stderr.write(`  ${session.name}: ${line}\n`);
        lastShown = line;
      }
      return s?.finished ? s : null;
    },
    { timeout: 60 * 60_000, interval: 1000 },
  );
  if (state.error) throw new Error(`${session.name} bench page failed: ${state.error}`);
  const result = await tab.evaluate(() => window.benchState.result);
  await tab.close();
  return result;
}

// --- statistics --------------------------------------------------------------------------------

/** Nearest-rank percentile of numbers. */
function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length))) - 1];
}

function stats(values) {
  return { median: percentile(values, 0.5), p95: percentile(values, 0.95), max: Math.max(...values) };
}

function summarise(result) {
  const pages = result.pages.map((p) => ({
    ...p,
    ours_median: percentile(p.ours, 0.5),
    theirs_median: percentile(p.theirs, 0.5),
  }));
  const ours = stats(pages.map((p) => p.ours_median));
  const theirs = stats(pages.map((p) => p.theirs_median));
  const upToMB = pages.filter((p) => p.bytes <= 1_000_000);
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  return {
    user_agent: result.user_agent,
    cross_origin_isolated: result.cross_origin_isolated,
    rounds: result.rounds,
    pages: pages.length,
    ours,
    theirs,
    ratio_of_medians: ours.median / theirs.median,
    ratio_of_p95: ours.p95 / theirs.p95,
    median_per_page_ratio: percentile(pages.map((p) => p.ours_median / p.theirs_median), 0.5),
    ratio_of_totals: sum(pages.map((p) => p.ours_median)) / sum(pages.map((p) => p.theirs_median)),
    ours_p95_up_to_1mb: percentile(upToMB.map((p) => p.ours_median), 0.95),
    ours_p95_all_samples: percentile(pages.flatMap((p) => p.ours), 0.95),
    output: {
      ours_nonempty: pages.filter((p) => p.ours_size > 0).length,
      theirs_nonempty: pages.filter((p) => p.theirs_size > 0).length,
      ours_errors: pages.filter((p) => p.ours_error).map((p) => `${p.file}: ${p.ours_error}`),
      theirs_errors: pages.filter((p) => p.theirs_error).map((p) => `${p.file}: ${p.theirs_error}`),
    },
    slowest_ours: [...pages].sort((a, b) => b.ours_median - a.ours_median).slice(0, 3)
      .map((p) => ({ file: p.file, bytes: p.bytes, ours_ms: p.ours_median, theirs_ms: p.theirs_median })),
    per_page: pages.map((p) => ({ file: p.file, bytes: p.bytes, ours_ms: p.ours_median, theirs_ms: p.theirs_median, ours_size: p.ours_size, theirs_size: p.theirs_size })),
  };
}

const f = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

function print(name, version, cold, s) {
  console.log(`${name} (${version}${s.cross_origin_isolated ? '' : ', timers NOT isolated: coarse'})`);
  console.log(`  html → draft, ${s.pages} pages, median of ${s.rounds} runs each (ms across pages):`);
  console.log(`    ours (wasm build_draft)          median ${f(s.ours.median, 2)}  p95 ${f(s.ours.p95, 2)}  max ${f(s.ours.max, 2)}`);
  console.log(`    Readability.js + Turndown        median ${f(s.theirs.median, 2)}  p95 ${f(s.theirs.p95, 2)}  max ${f(s.theirs.max, 2)}`);
  console.log(`    ours/theirs                      medians ${f(s.ratio_of_medians, 2)}×  p95 ${f(s.ratio_of_p95, 2)}×  per-page ratio median ${f(s.median_per_page_ratio, 2)}×  totals ${f(s.ratio_of_totals, 2)}×`);
  console.log(`    ours p95, pages ≤ 1 MB           ${f(s.ours_p95_up_to_1mb, 2)} ms (all samples: ${f(s.ours_p95_all_samples, 2)} ms)`);
  console.log(`    output non-empty                 ours ${s.output.ours_nonempty}/${s.pages}, theirs ${s.output.theirs_nonempty}/${s.pages}`);
  for (const e of s.output.ours_errors) console.log(`      ours failed: ${e}`);
  for (const e of s.output.theirs_errors) console.log(`      theirs failed: ${e}`);
  console.log(`    slowest (ours): ${s.slowest_ours.map((p) => `${p.file.slice(0, 12)} ${Math.round(p.bytes / 1000)} KB ${f(p.ours_ms)} ms vs ${f(p.theirs_ms)} ms`).join('; ')}`);
  console.log(`  cold start to wasm ready (median of ${cold.no_cache.loads} fresh loads):`);
  console.log(`    not cached                       ${f(cold.no_cache.ready_ms.median)} ms from navigation (init ${f(cold.no_cache.init_ms.median)} ms: fetch+compile+instantiate), p95 ${f(cold.no_cache.ready_ms.p95)} ms`);
  console.log(`    HTTP-cached                      ${f(cold.http_cache.ready_ms.median)} ms from navigation (init ${f(cold.http_cache.init_ms.median)} ms), p95 ${f(cold.http_cache.ready_ms.p95)} ms`);
}

// --- main ----------------------------------------------------------------------------------------

const pages = corpusPages(corpus);
if (pages.length === 0) {
  console.error(`bench: no .html files in ${corpus}`);
  process.exit(2);
}
const report = { corpus, browsers: {} };
for (const name of browsers) {
  const pkgDir = args.pkg ? resolve(args.pkg) : join(ROOT, name === 'firefox' ? 'dist/firefox/pkg' : 'dist/chrome/pkg');
  if (!existsSync(join(pkgDir, 'send_to_medium_bg.wasm'))) {
    console.error(`bench: ${pkgDir} is missing; run ./build.sh first`);
    process.exit(2);
  }
  const { server, origin } = await startServer(pkgDir, pages);
  const session = name === 'firefox' ? await firefoxSession() : await chromiumSession();
  try {
    process.stderr.write(`  ${name}: cold start\n`);
    const cold = await coldStart(session, origin);
    const summary = summarise(await throughput(session, origin));
    report.browsers[name] = { version: session.version, cold_start: cold, ...summary };
    if (!args.quiet) print(name, session.version, cold, summary);
  } finally {
    await session.close();
    server.close();
  }
}
if (args.json) writeFileSync(args.json, JSON.stringify(report, null, 1));
