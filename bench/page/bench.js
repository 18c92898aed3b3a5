// Runs in the bench page: for each corpus page, html → draft with our wasm (`build_draft`, the
// export the extension calls) and html → Markdown with Readability.js + Turndown (DOMParser parse
// included), interleaved so both see the same machine load. The driver (bench/browser.mjs) reads
// `window.benchState`; all statistics are computed there.
import init, * as wasm from '/pkg/send_to_medium.js';
import TurndownService from '/vendor/turndown.js';

const state = (window.benchState = { phase: 'loading', done: 0, total: 0, result: null, error: null });
const log = (text) => (document.getElementById('log').textContent = text);

/** Ours: the same call extension/core.js makes for a capture. */
function ours(page) {
  const built = wasm.build_draft({ html: page.html, url: page.url }, null);
  return built.draft.content_markdown.length;
}

const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced' });

/** Theirs: what an extension built on Readability.js would do with the same string. */
function theirs(page) {
  const doc = new DOMParser().parseFromString(page.html, 'text/html');
  const base = doc.createElement('base');
  base.href = page.url;
  doc.head?.prepend(base);
  const article = new Readability(doc).parse();
  if (!article?.content) return 0;
  return turndown.turndown(article.content).length;
}

function timed(fn, page) {
  const start = performance.now();
  let size = 0;
  let error = null;
  try {
    size = fn(page);
  } catch (e) {
    error = String(e?.message ?? e).slice(0, 200);
    if (e instanceof WebAssembly.RuntimeError) {
      error = `trap: ${wasm.take_panic_message?.() ?? error}`;
      wasm.__wbg_reset_state?.();
    }
  }
  return { ms: performance.now() - start, size, error };
}

const pause = () => new Promise((done) => setTimeout(done, 0));

async function run() {
  const params = new URLSearchParams(location.search);
  const rounds = Number(params.get('rounds') ?? 7);
  const warmup = Number(params.get('warmup') ?? 2);
  await init({ module_or_path: new URL('/pkg/send_to_medium_bg.wasm', location.href) });
  const list = await (await fetch('/corpus.json')).json();
  state.phase = 'fetching';
  const pages = [];
  for (const entry of list) {
    const bytes = new Uint8Array(await (await fetch(`/corpus/${encodeURIComponent(entry.file)}`)).arrayBuffer());
    // Decoded once, untimed, by the same rules the extension uses for fetched pages.
    pages.push({ ...entry, html: new TextDecoder(wasm.html_encoding(bytes)).decode(bytes) });
  }
  state.total = pages.length * (rounds + warmup);
  const results = pages.map((p) => ({
    file: p.file, bytes: p.bytes, chars: p.html.length,
    ours: [], theirs: [], ours_size: 0, theirs_size: 0, ours_error: null, theirs_error: null,
  }));
  for (let round = 0; round < warmup + rounds; round++) {
    state.phase = round < warmup ? 'warm-up' : 'measuring';
    for (let i = 0; i < pages.length; i++) {
      // Alternate who goes first so neither always runs on a cache the other warmed.
      const order = (round + i) % 2 === 0 ? ['ours', 'theirs'] : ['theirs', 'ours'];
      for (const who of order) {
        const r = timed(who === 'ours' ? ours : theirs, pages[i]);
        const slot = results[i];
        if (round >= warmup) slot[who].push(r.ms);
        slot[`${who}_size`] = r.size;
        slot[`${who}_error`] = r.error;
      }
      state.done++;
      if (i % 4 === 0) {
        log(`${state.phase} ${state.done}/${state.total}`);
        await pause();
      }
    }
  }
  state.result = {
    user_agent: navigator.userAgent,
    cross_origin_isolated: globalThis.crossOriginIsolated === true,
    rounds,
    warmup,
    pages: results,
  };
  state.phase = 'done';
  log('done');
}

run().catch((e) => {
  state.error = String(e?.stack ?? e);
  state.phase = 'failed';
  log(state.error);
});
