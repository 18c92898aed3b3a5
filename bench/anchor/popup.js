// The cold bench's anchor popup (bench/cold.mjs): reads the tab the way ours does (executeScript
// returning outerHTML), turns it into Markdown with DOMParser + Readability.js + Turndown, keeps
// the result in storage.local as ours keeps its draft, and shows it in a textarea. It records the
// same stm:* phase marks as extension/popup.js, so the bench compares phase by phase.
// vendor/ is copied from node_modules by cold.mjs.
import TurndownService from './vendor/turndown.js';

performance.mark('stm:start');
const api = globalThis.browser ?? globalThis.chrome;

/** Injected into the tab: the DOM as the page's scripts left it, and its address. */
function capturePage() {
  return { html: document.documentElement ? document.documentElement.outerHTML : '', url: location.href };
}

/** DOMParser + Readability + Turndown, as bench/page/bench.js times them warm. */
function toMarkdown(page) {
  const doc = new DOMParser().parseFromString(page.html, 'text/html');
  const base = doc.createElement('base');
  base.href = page.url;
  doc.head?.prepend(base);
  const article = new Readability(doc).parse(); // eslint-disable-line no-undef -- vendor/Readability.js
  const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced' });
  return { title: article?.title ?? '', markdown: article?.content ? turndown.turndown(article.content) : '' };
}

async function start() {
  const tabId = Number(new URLSearchParams(location.search).get('tab'));
  let t = performance.now();
  const [{ result: page }] = await api.scripting.executeScript({ target: { tabId }, func: capturePage });
  performance.measure('stm:capture', { start: t });
  t = performance.now();
  const draft = toMarkdown(page);
  performance.measure('stm:build', { start: t });
  t = performance.now();
  await api.storage.local.set({ draft: { url: page.url, ...draft } });
  performance.measure('stm:store', { start: t });
  t = performance.now();
  document.getElementById('title').value = draft.title;
  document.getElementById('body').value = draft.markdown;
  performance.measure('stm:render', { start: t });
  performance.mark('stm:shown');
  requestAnimationFrame(() => setTimeout(() => performance.mark('stm:painted')));
}

start().catch((error) => {
  document.body.dataset.error = String(error?.message ?? error);
});
