// What both browser suites share: the fixture server, the test build's location, and what each
// fixture page must turn into. Expected values are the page's unambiguous signals (og:title,
// link rel=canonical, article:tag, the article's own words), so they hold as extraction improves.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { serve } from '../../extension-dev/serve.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PAGES = join(ROOT, 'tests/browser/pages');
export const CHROME_BUILD = join(ROOT, 'dist-test/chrome');
export const FIREFOX_BUILD = join(ROOT, 'dist-test/firefox');
export const SCREENSHOTS = join(ROOT, 'target/browser-screenshots');

/** The test build's time limit for an API answer (the published extension waits 30 s). */
export const API_TIMEOUT_MS = 2000;
/** How long the editor content script waits for the fake editor to appear (20 s published). */
export const EDITOR_WAIT_MS = 3000;

export function startServer() {
  return serve(PAGES);
}

export function tempDir(prefix) {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * A copy of one browser's test build whose test-config.js points Medium at the fake Medium
 * (tests/fake-medium) started for this run, whose port changes from run to run.
 */
export function buildWithFakeMedium(build, fake) {
  const copy = tempDir('stm-build-');
  cpSync(build, copy, { recursive: true });
  const config = {
    test_build: true,
    medium_api_base: fake.apiBase,
    medium_editor_url: `${fake.origin}/new-story`,
    medium_import_url: `${fake.origin}/p/import`,
    medium_api_timeout_ms: API_TIMEOUT_MS,
    medium_editor_wait_ms: EDITOR_WAIT_MS,
  };
  writeFileSync(join(copy, 'test-config.js'), `export default ${JSON.stringify(config, null, 2)};\n`);
  return copy;
}

/** The tide-pools post: what the popup must show for it. */
export function tidePools(origin) {
  return {
    path: '/posts/tide-pools.html',
    title: 'Reading Tide Tables Before a Tide-Pool Walk',
    subtitle:
      'How to read a tide table, pick a low tide worth the drive, and stay safe on the rocks while you look for anemones.',
    canonical: `${origin}/posts/tide-pools.html`,
    canonicalSourceText: 'canonical link',
    /** The page's article:tag values, which the draft carries as they are. */
    tags: ['Nature', 'Tide Pools', 'Hiking'],
    /** The author's other posts linked from the page, in the order the footer lists them. */
    relatedPosts: [`${origin}/2024/06/anemone-guide/`, `${origin}/2024/05/rock-pool-etiquette/`],
    bodyPhrases: ['Find a negative low', 'periwinkle-lantern', 'Wear shoes with grip'],
    notInBody: ['More from Saltmarsh Notes', '© 2024 Robin Calder'],
  };
}

/** Signs that something from the hostile page ran or survived in an extension page. */
export const HOSTILE_MARKER = 'quartz-heron';

/** Runs in an extension page: what of the hostile page could run script there. */
export function dangerousNodesInPage() {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) found.push(`${el.tagName}[${attr.name}]`);
      if (/^\s*(javascript|data|vbscript):/i.test(attr.value) && /href|src|action/i.test(attr.name)) {
        found.push(`${el.tagName}[${attr.name}=${attr.value.slice(0, 30)}]`);
      }
    }
    if (['IFRAME', 'FRAME', 'OBJECT', 'EMBED', 'STYLE'].includes(el.tagName)) found.push(el.tagName);
    if (el.tagName === 'FORM' && el.id !== 'draft') found.push('FORM');
    if (el.tagName === 'SCRIPT' && !/popup\.js$/.test(el.getAttribute('src') ?? '')) found.push('SCRIPT');
    if (el.tagName === 'svg' && el.closest('#preview')) found.push('svg in preview');
  }
  return found;
}

/** Polls `check` until it returns a truthy value (no fixed sleeps). */
export async function waitFor(check, { timeout = 10_000, interval = 50, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    await new Promise((done) => setTimeout(done, interval));
  }
  throw new Error(`timed out waiting for ${what} (last: ${String(last?.message ?? last)})`);
}

/** The popup shows the tide-pools draft, and what it shows is what the core built and stored. */
export function assertShowsTidePools(state, stored, expected) {
  assert.equal(state.problem, null);
  assert.equal(state.title, expected.title);
  assert.equal(state.subtitle, expected.subtitle);
  assert.equal(state.canonical, expected.canonical);
  assert.match(state.canonicalSource, new RegExp(expected.canonicalSourceText));
  for (const phrase of expected.bodyPhrases) {
    assert.ok(state.body.includes(phrase), `body Markdown has "${phrase}"`);
    assert.ok(state.preview.includes(phrase), `preview has "${phrase}"`);
  }
  for (const phrase of expected.notInBody) assert.ok(!state.body.includes(phrase), `body lacks "${phrase}"`);
  assert.deepEqual(state.tags, stored.built.draft.tags);
  assert.equal(state.tagCount, `${stored.built.draft.tags.length}/5`);
  // Lengths against Medium's limits, counted in characters as the core counts them.
  assert.equal(state.titleLength, `${[...expected.title].length}/100`);
  assert.equal(state.subtitleLength, `${[...expected.subtitle].length}/140`);
  assert.deepEqual(
    state.backlinks.map((b) => b.url),
    stored.built.draft.backlinks.map((b) => b.url),
  );
  assert.deepEqual(state.tags, expected.tags, "the page's article:tag values, in order");
  assert.deepEqual(
    state.backlinks.map((b) => b.url),
    expected.relatedPosts,
    "the author's other posts linked from the page, and nothing else",
  );
  for (const link of state.backlinks) assert.equal(link.checked, true, 'backlinks start enabled');
}
