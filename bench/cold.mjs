// The cold bench (`./build.sh bench --cold`): what a user feels on a click. For every corpus page
// (served on 127.0.0.1, page scripts off so both readers see the same DOM), a fresh tab of the
// page, then a fresh popup page of our test build (dist-test/) and of the anchor extension
// (bench/anchor: DOMParser + Readability.js + Turndown), in alternating order, each capturing the
// tab through scripting.executeScript as a click does. Both popups record the same stm:* marks
// (extension/popup.js, bench/anchor/popup.js); this driver reads them and prints each phase,
// median and p95, in Chromium (playwright-core) and Firefox ESR (selenium-webdriver + geckodriver).
// Usage: node bench/cold.mjs [CORPUS_DIR] [--browsers chromium,firefox] [--rounds 1] [--pages N]
//        [--keep-process 1] [--versus DIR] [--json FILE]
// --versus DIR puts another build of ours (DIR/chrome, DIR/firefox: a dist-test layout) in the
// anchor's place, to compare two builds interleaved.
import { execFileSync } from 'node:child_process';
import { isUtf8 } from 'node:buffer';
import { createServer } from 'node:http';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const args = parseArgs(process.argv.slice(2));
const corpus = resolve(args._[0] ?? join(ROOT, '../shared/corpus/aeb/html'));
const browsers = (args.browsers ?? 'chromium,firefox').split(',').filter(Boolean);
const rounds = Number(args.rounds ?? 1);
const OURS = 'ours';
const ANCHOR = 'anchor';
/** What the second column is called: the anchor, or another build of ours (--versus). */
const OTHER = args.versus ? 'versus' : 'anchor';
/** The longest a popup may take before the sample counts as failed (a 10 MB page takes seconds). */
const POPUP_TIMEOUT_MS = 60_000;

/** The table's rows: [stm name, what it is]; marks are ms from navigation, measures durations. */
const PHASES = [
  ['start', 'popup navigation → start()'],
  ['wasm', 'wasm compile + instantiate (from start)'],
  ['capture', 'executeScript capture of the tab'],
  ['build', 'build (build_draft | DOMParser+Readability+Turndown)'],
  ['markdown', 'body Markdown (body_markdown)'],
  ['store', 'storing the draft'],
  ['render', 'rendering the popup'],
  ['between', 'between the phases (storage reads, tab lookups)'],
  ['shown', 'popup opened → draft shown'],
  ['painted', 'popup opened → draft painted (next frame)'],
];
/** The headline: navigation start of the popup page to the first frame with the draft in it. */
const HEADLINE = 'painted';

function parseArgs(argv) {
  const out = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) out[argv[i].slice(2)] = argv[++i];
    else out._.push(argv[i]);
  }
  return out;
}

/** The corpus pages, or `--pages N` of them spread evenly over the sorted list. */
function corpusPages(dir) {
  const all = readdirSync(dir).filter((f) => /\.html?$/.test(f)).sort();
  const n = Math.min(Number(args.pages ?? all.length), all.length);
  return Array.from({ length: n }, (_, i) => all[Math.floor((i * all.length) / n)]);
}

/**
 * Serves the corpus as saved: raw bytes, declared UTF-8 when they are (as the page's own server
 * would; saved pages often declare no charset), else no charset so the page's own declaration
 * decides; and a CSP that runs no page script and loads nothing from elsewhere (this machine is
 * offline, and scripts would change the DOM between our capture and the anchor's).
 */
function startServer() {
  const csp = "default-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'none'";
  const server = createServer((request, response) => {
    const name = decodeURIComponent(new URL(request.url, 'http://x').pathname.slice(1));
    const file = join(corpus, name);
    if (name.includes('/') || !existsSync(file)) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const bytes = readFileSync(file);
    const type = isUtf8(bytes) ? 'text/html; charset=utf-8' : 'text/html';
    response.writeHead(200, { 'content-type': type, 'content-security-policy': csp });
    response.end(bytes);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ server, origin: `http://127.0.0.1:${server.address().port}` })));
}

/** bench/anchor with Readability.js and Turndown from node_modules, per browser. */
function buildAnchor(browser) {
  const out = join(ROOT, 'target/bench-anchor', browser);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'vendor'), { recursive: true });
  cpSync(join(ROOT, 'bench/anchor'), out, { recursive: true });
  cpSync(join(ROOT, 'node_modules/@mozilla/readability/Readability.js'), join(out, 'vendor/Readability.js'));
  cpSync(join(ROOT, 'node_modules/turndown/lib/turndown.browser.es.js'), join(out, 'vendor/turndown.js'));
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  if (browser === 'firefox') delete manifest.background;
  else delete manifest.browser_specific_settings;
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return out;
}

const VERSUS_ID = 'cold-versus@send-to-medium.invalid';

/** A copy of another build of ours (--versus) under another name and add-on id, with tabs.html. */
function buildVersus(browser) {
  const out = join(ROOT, 'target/bench-versus', browser);
  rmSync(out, { recursive: true, force: true });
  cpSync(join(resolve(args.versus), browser === 'firefox' ? 'firefox' : 'chrome'), out, { recursive: true });
  cpSync(join(ROOT, 'bench/anchor/tabs.html'), join(out, 'tabs.html'));
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  manifest.name = 'Send to Medium (versus)';
  if (manifest.browser_specific_settings) manifest.browser_specific_settings.gecko.id = VERSUS_ID;
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return out;
}

/** Runs in a popup page: its stm:* marks (ms from navigation) and measures (ms), or its failure. */
function readPhases() {
  const times = {};
  for (const entry of performance.getEntries()) {
    if (entry.name.startsWith('stm:')) times[entry.name.slice(4)] = entry.entryType === 'mark' ? entry.startTime : entry.duration;
  }
  const problem = document.getElementById('problem');
  const failed = problem && !problem.hidden ? document.getElementById('problem-message').textContent : (document.body?.dataset.error ?? null);
  const body = document.getElementById('body');
  return { times, failed, done: 'painted' in times || Boolean(failed), markdown_chars: body ? body.value.length : 0 };
}

async function poll(check, timeout, interval = 50) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) return null;
    await new Promise((done) => setTimeout(done, interval));
  }
}

// --- browsers: each session has openPage(url) → {tabId, close} and openPopup(who, tabId) → phases

const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * Chromium. By default each popup starts in a new extension process, as a click after the service
 * worker's 30 s idle timeout does: the workers are stopped and the popup opens once no extension
 * process is left (a live process would reuse the wasm the previous popup compiled and tiered
 * up). `--keep-process 1` measures the other case, a click soon after the last one.
 */
async function chromiumSession(oursDir, anchorDir) {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'stm-cold-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...BROWSER_ARGS, `--disable-extensions-except=${oursDir},${anchorDir}`, `--load-extension=${oursDir},${anchorDir}`],
  });
  const workers = await poll(async () => {
    const found = {};
    for (const worker of context.serviceWorkers()) {
      const name = await worker.evaluate(() => chrome.runtime.getManifest().name);
      found[name === 'Send to Medium' ? OURS : ANCHOR] = worker;
    }
    return found[OURS] && found[ANCHOR] ? found : null;
  }, 20_000);
  if (!workers) throw new Error('chromium: the two extensions did not start');
  const ids = { [OURS]: new URL(workers[OURS].url()).host, [ANCHOR]: new URL(workers[ANCHOR].url()).host };
  const control = await context.newPage();
  const cdp = await context.newCDPSession(control);
  await cdp.send('ServiceWorker.enable');
  const keepProcess = Boolean(Number(args['keep-process'] ?? 0));

  /** Renderer processes of this browser that host an extension (by their command line). */
  function extensionProcesses() {
    const rows = execFileSync('ps', ['-ww', '-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
      .filter(Boolean);
    const ours = new Set(rows.filter((r) => r[3].includes(profile) && !r[3].includes('--type=')).map((r) => r[1]));
    for (let grown = true; grown; ) {
      grown = false;
      for (const r of rows) {
        if (ours.has(r[2]) && !ours.has(r[1])) {
          ours.add(r[1]);
          grown = true;
        }
      }
    }
    return rows.filter((r) => ours.has(r[1]) && r[3].includes('--extension-process')).length;
  }

  return {
    name: 'chromium',
    version: `Chromium ${context.browser()?.version() ?? ''}`,
    async openPage(url) {
      const page = await context.newPage();
      await page.goto(url);
      const lookup = await context.newPage();
      await lookup.goto(`chrome-extension://${ids[ANCHOR]}/tabs.html`);
      const tabId = await lookup.evaluate(async (wanted) => {
        const tabs = await chrome.tabs.query({ url: 'http://127.0.0.1/*' });
        return Math.max(...tabs.filter((t) => t.url === wanted).map((t) => t.id));
      }, url);
      await lookup.close();
      return { tabId, close: () => page.close() };
    },
    async openPopup(who, tabId) {
      let freshProcess = false;
      if (!keepProcess) {
        await cdp.send('ServiceWorker.stopAllWorkers');
        freshProcess = Boolean(await poll(() => extensionProcesses() === 0, 5000));
      }
      const popup = await context.newPage();
      await popup.goto(`chrome-extension://${ids[who]}/popup.html?tab=${tabId}`, { waitUntil: 'commit' });
      const state = await poll(async () => {
        const s = await popup.evaluate(readPhases).catch(() => null);
        return s?.done ? s : null;
      }, POPUP_TIMEOUT_MS);
      await popup.evaluate(() => chrome.storage.local.clear()); // the next capture starts afresh
      await popup.close();
      return state && { ...state, fresh_process: freshProcess };
    },
    close: () => context.close(),
  };
}

async function firefoxSession(oursDir, anchorDir) {
  const { Builder } = await import('selenium-webdriver');
  const firefox = (await import('selenium-webdriver/firefox.js')).default;
  const uuids = {
    'send-to-medium@send-to-medium.invalid': '5e2d1c3a-8f4b-4d6e-9a7c-1b2c3d4e5f61',
    [args.versus ? VERSUS_ID : 'cold-anchor@send-to-medium.invalid']: '5e2d1c3a-8f4b-4d6e-9a7c-1b2c3d4e5f62',
  };
  const bases = { [OURS]: `moz-extension://${Object.values(uuids)[0]}`, [ANCHOR]: `moz-extension://${Object.values(uuids)[1]}` };
  const options = new firefox.Options()
    .addArguments('-headless')
    .setBinary('/usr/bin/firefox-esr')
    .setPreference('extensions.webextensions.uuids', JSON.stringify(uuids));
  const service = new firefox.ServiceBuilder(process.env.GECKODRIVER ?? 'geckodriver').addArguments('--allow-system-access');
  const driver = await new Builder().forBrowser('firefox').setFirefoxOptions(options).setFirefoxService(service).build();
  await driver.installAddon(oursDir, true);
  await driver.installAddon(anchorDir, true);
  const caps = await driver.getCapabilities();

  const run = async (fn, ...fnArgs) =>
    driver.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       Promise.resolve((${fn.toString()})(...Array.from(arguments).slice(0, -1))).then(done, (e) => done({ __error: String(e && e.message || e) }));`,
      ...fnArgs,
    );
  /** Opens `url` in a new selected tab from the chrome context (content may not open moz-extension:). */
  async function openTab(url) {
    const known = new Set(await driver.getAllWindowHandles());
    await driver.setContext('chrome');
    await driver.executeScript(
      `gBrowser.selectedTab = gBrowser.addTab(arguments[0], { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });`,
      url,
    );
    await driver.setContext('content');
    const handle = await poll(async () => (await driver.getAllWindowHandles()).find((h) => !known.has(h)), 10_000, 10);
    await driver.switchTo().window(handle);
    return handle;
  }
  async function closeTab(handle) {
    await driver.switchTo().window(handle);
    await driver.close();
    await driver.switchTo().window(helper);
  }
  // One of our extension pages stays open: tab ids and storage are read through it.
  const helper = await openTab(`${bases[OURS]}/options.html`);
  await poll(async () => (await driver.executeScript('return document.readyState')) === 'complete', 10_000);

  return {
    name: 'firefox',
    version: `Firefox ESR ${caps.get('browserVersion')}`,
    async openPage(url) {
      const handle = await openTab(url);
      await poll(async () => (await driver.getCurrentUrl()) === url && (await driver.executeScript('return document.readyState')) === 'complete', 30_000, 20);
      await driver.switchTo().window(helper);
      const tabId = await run(async (wanted) => {
        const tabs = await browser.tabs.query({ url: 'http://127.0.0.1/*' });
        return Math.max(...tabs.filter((t) => t.url === wanted).map((t) => t.id));
      }, url);
      return { tabId, close: () => closeTab(handle) };
    },
    async openPopup(who, tabId) {
      const handle = await openTab(`${bases[who]}/popup.html?tab=${tabId}`);
      const state = await poll(async () => {
        const s = await driver.executeScript(`return (${readPhases.toString()})()`).catch(() => null);
        return s?.done ? s : null;
      }, POPUP_TIMEOUT_MS);
      await run(() => browser.storage.local.clear()); // the next capture starts afresh
      await closeTab(handle);
      return state;
    },
    close: () => driver.quit(),
  };
}

// --- statistics and output -------------------------------------------------------------------------

/** Nearest-rank percentile. */
function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length))) - 1];
}

/** What `shown` holds beyond the phases (wasm overlaps the options read, so it counts whole). */
function between(times) {
  const parts = ['start', 'wasm', 'capture', 'build', 'markdown', 'store', 'render'];
  return times.shown - parts.reduce((sum, name) => sum + (times[name] ?? 0), 0);
}

function summarise(samples) {
  const out = {};
  for (const who of [OURS, ANCHOR]) {
    const ok = samples.filter((s) => s.who === who && !s.failed);
    out[who] = { samples: ok.length, failed: samples.filter((s) => s.who === who && s.failed).map((s) => `${s.file}: ${s.failed}`), phases: {} };
    for (const [name] of PHASES) {
      const values = ok.map((s) => (name === 'between' ? between(s.times) : s.times[name])).filter(Number.isFinite);
      if (values.length) out[who].phases[name] = { median: percentile(values, 0.5), p95: percentile(values, 0.95), max: Math.max(...values) };
    }
    out[who].empty_markdown = ok.filter((s) => s.markdown_chars === 0).length;
    out[who].fresh_process = ok.filter((s) => s.fresh_process).length;
  }
  const o = out[OURS].phases[HEADLINE];
  const a = out[ANCHOR].phases[HEADLINE];
  out.ratio = { median: o?.median / a?.median, p95: o?.p95 / a?.p95 };
  return out;
}

const f = (n) => (Number.isFinite(n) ? String(Math.round(n)) : '–');

function print(name, report) {
  const s = report.summary;
  const load = `load average ${report.load_before.toFixed(1)} → ${report.load_after.toFixed(1)}`;
  console.log(`\n${report.version}: ${report.pages} pages × ${report.rounds} round(s), ours and ${OTHER} interleaved page by page; ${load}`);
  console.log(`  ${'phase, ms (inside the popup page)'.padEnd(56)}${'ours median'.padStart(12)}${'p95'.padStart(7)}${`${OTHER} median`.padStart(15)}${'p95'.padStart(7)}`);
  for (const [phase, label] of PHASES) {
    const o = s[OURS].phases[phase];
    const a = s[ANCHOR].phases[phase];
    console.log(`  ${label.padEnd(56)}${f(o?.median).padStart(12)}${f(o?.p95).padStart(7)}${f(a?.median).padStart(15)}${f(a?.p95).padStart(7)}`);
  }
  for (const who of [OURS, ANCHOR]) {
    const failed = s[who].failed;
    if (failed.length) console.log(`  ${who === OURS ? OURS : OTHER}: ${failed.length} popup(s) showed no draft: ${failed.map((x) => x.slice(0, 100)).join('; ')}`);
  }
  console.log(`  samples: ours ${s[OURS].samples}, ${OTHER} ${s[ANCHOR].samples} (in a new extension process: ${s[OURS].fresh_process}, ${s[ANCHOR].fresh_process}; ${OTHER} empty Markdown: ${s[ANCHOR].empty_markdown})`);
  console.log(`  the two lines below are "${PHASES.find((p) => p[0] === HEADLINE)[1]}"`);
  console.log(`cold click-to-draft ${name}: ours ${f(s[OURS].phases[HEADLINE]?.median)} ms, ${OTHER} ${f(s[ANCHOR].phases[HEADLINE]?.median)} ms, ratio ${s.ratio.median.toFixed(2)}`);
  console.log(`cold click-to-draft p95 ${name}: ours ${f(s[OURS].phases[HEADLINE]?.p95)} ms, ${OTHER} ${f(s[ANCHOR].phases[HEADLINE]?.p95)} ms, ratio ${s.ratio.p95.toFixed(2)}`);
}

// --- main ----------------------------------------------------------------------------------------

if (!existsSync(corpus)) {
  console.error(`bench --cold: no corpus folder at ${corpus} (give one: ./build.sh bench --cold DIR)`);
  process.exit(2);
}
const files = corpusPages(corpus);
if (files.length === 0) {
  console.error(`bench --cold: no .html files in ${corpus}`);
  process.exit(2);
}
const { server, origin } = await startServer();
const report = { corpus, headline: HEADLINE, browsers: {} };
try {
  for (const name of browsers) {
    const oursDir = join(ROOT, name === 'firefox' ? 'dist-test/firefox' : 'dist-test/chrome');
    if (!existsSync(join(oursDir, 'manifest.json'))) throw new Error(`${oursDir} is missing: run ./build.sh dist-test`);
    const otherDir = args.versus ? buildVersus(name) : buildAnchor(name);
    const session = name === 'firefox' ? await firefoxSession(oursDir, otherDir) : await chromiumSession(oursDir, otherDir);
    const samples = [];
    const loadBefore = loadavg()[0];
    try {
      // One page first, unrecorded: the first popup of each extension also starts its process.
      const plan = [files[0], ...Array.from({ length: rounds }, () => files).flat()];
      for (const [i, file] of plan.entries()) {
        const page = await session.openPage(`${origin}/${encodeURIComponent(file)}`);
        for (const who of i % 2 === 0 ? [OURS, ANCHOR] : [ANCHOR, OURS]) {
          const state = await session.openPopup(who, page.tabId);
          if (i > 0) {
            samples.push({
              file, who, times: state?.times ?? {}, markdown_chars: state?.markdown_chars ?? 0,
              fresh_process: state?.fresh_process ?? false, failed: state ? state.failed : 'timed out',
            });
          }
        }
        await page.close();
        if (i % 10 === 0) process.stderr.write(`  ${name}: ${i}/${plan.length - 1}\n`);
      }
    } finally {
      await session.close();
    }
    const entry = { version: session.version, pages: files.length, rounds, load_before: loadBefore, load_after: loadavg()[0], summary: summarise(samples), samples };
    report.browsers[name] = entry;
    print(name, entry);
  }
} finally {
  server.close();
}
if (args.json) writeFileSync(args.json, JSON.stringify(report, null, 1));
