// End to end in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core): the
// test build of the extension captures fixture pages served on 127.0.0.1 and the review popup
// shows, edits, keeps and exports the draft; delivery to the fake Medium runs the shared
// scenarios of delivery-scenarios.mjs through the driver at the end of this file.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';

import { chromium } from 'playwright-core';

import { startFakeMedium } from '../fake-medium/server.mjs';
import { registerDeliveryTests } from './delivery-scenarios.mjs';
import {
  assertShowsTidePools,
  CHROME_BUILD,
  HOSTILE_MARKER,
  buildWithFakeMedium,
  dangerousNodesInPage,
  startServer,
  tempDir,
  tidePools,
  waitFor,
} from './harness.mjs';
import { readPopupState } from './popup-state.mjs';

let context;
let server;
let origin;
let extensionId;
let worker;
let fake;

before(async () => {
  ({ server, origin } = await startServer());
  fake = await startFakeMedium();
  const build = buildWithFakeMedium(CHROME_BUILD, fake);
  context = await chromium.launchPersistentContext(tempDir('stm-chromium-'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      `--disable-extensions-except=${build}`,
      `--load-extension=${build}`,
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-gpu',
    ],
  });
  worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  extensionId = new URL(worker.url()).host;
  await setUpDelivery();
});

after(async () => {
  await context?.close();
  server?.close();
  await fake?.close();
});

/** Opens a fixture page in a tab and returns the page and its tab id. */
async function openFixture(path) {
  const page = await context.newPage();
  await page.goto(origin + path);
  const url = page.url();
  const tabId = await waitFor(
    () =>
      worker.evaluate(async (wanted) => {
        const tabs = await chrome.tabs.query({ url: 'http://127.0.0.1/*' });
        const ids = tabs.filter((t) => t.url === wanted).map((t) => t.id);
        return ids.length ? Math.max(...ids) : undefined; // the newest tab of that page
      }, url),
    { what: `the tab of ${url}` },
  );
  return { page, tabId };
}

/** Opens the review popup page (as the toolbar would, for `tabId`) and waits until it settles. */
async function openPopup(query) {
  const popup = await context.newPage();
  const started = Date.now();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?${query}`);
  await popup.waitForFunction(() => !document.getElementById('draft').hidden || !document.getElementById('problem').hidden);
  const state = await popup.evaluate(readPopupState);
  return { popup, state, elapsed: Date.now() - started };
}

/** Sends a message to the background from an extension page, as the popup does. */
async function sendToBackground(message) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const answer = await page.evaluate((m) => chrome.runtime.sendMessage(m), message);
  await page.close();
  return answer;
}

test('the popup shows the draft of a blog post: title, subtitle, tags, canonical, body', async () => {
  const expected = tidePools(origin);
  const { page, tabId } = await openFixture(expected.path);
  const { popup, state, elapsed } = await openPopup(`tab=${tabId}`);
  console.log(`chromium click-to-draft: ${elapsed} ms from opening the popup page (${state.draftMs} ms inside it)`);

  // What the popup shows is what the core built and stored.
  const stored = await popup.evaluate(async () => {
    const { current_draft_id: id } = await chrome.storage.local.get('current_draft_id');
    return (await chrome.storage.local.get(`draft:${id}`))[`draft:${id}`];
  });
  assert.equal(stored.source_url, origin + expected.path);
  assert.equal(stored.status, 'editing');
  assertShowsTidePools(state, stored, expected);
  await popup.close();
  await page.close();
});

test('editing the Markdown updates the preview, autosaves, and reopening keeps the edit', async () => {
  const { path } = tidePools(origin);
  const { page, tabId } = await openFixture(path);
  const first = await openPopup(`tab=${tabId}`);
  const body = first.popup.locator('#body');
  await body.fill(`${first.state.body}\n\nA sentence only the test wrote: **amber-kestrel**.\n`);
  await first.popup.waitForFunction(() => document.getElementById('preview').textContent.includes('amber-kestrel'));
  const previewHtml = await first.popup.locator('#preview').innerHTML();
  assert.match(previewHtml, /<strong>amber-kestrel<\/strong>/, 'the preview renders the Markdown');
  await first.popup.locator('#title').fill('A Better Title for Tide Tables');
  await first.popup.waitForFunction(() => document.getElementById('saved').textContent === 'Saved');
  await first.popup.close();

  const again = await openPopup(`tab=${tabId}`);
  assert.ok(again.state.body.includes('amber-kestrel'), 'the edited body is back');
  assert.ok(again.state.preview.includes('amber-kestrel'), 'and so is its preview');
  assert.equal(again.state.title, 'A Better Title for Tide Tables');
  await again.popup.close();
  await page.close();
});

test('tags are editable chips: add, remove, at most five, never cut, kept across reopening', async () => {
  const { path } = tidePools(origin);
  const { page, tabId } = await openFixture(path);
  const { popup, state } = await openPopup(`tab=${tabId}`);
  const input = popup.locator('#tag-input');
  await input.fill('Oceans, Field Notes');
  await input.press('Enter');
  let now = await popup.evaluate(readPopupState);
  assert.deepEqual(now.tags, [...state.tags, 'Oceans', 'Field Notes'].slice(0, 5));
  for (const extra of ['One', 'Two', 'Three', 'Four', 'Five']) {
    if (await input.isDisabled()) break;
    await input.fill(extra);
    await input.press('Enter');
  }
  now = await popup.evaluate(readPopupState);
  assert.equal(now.tags.length, 5);
  assert.equal(now.tagCount, '5/5');
  assert.ok(await input.isDisabled(), 'no sixth tag can be typed');
  await popup.getByRole('button', { name: 'Remove tag Oceans' }).click();
  now = await popup.evaluate(readPopupState);
  assert.ok(!now.tags.includes('Oceans'));
  assert.equal(now.tags.length, 4);
  assert.equal(now.tagsLeftOut, null);
  // The core fits what is typed: a repeat in another case is dropped, a tag over Medium's 25
  // characters is left out whole (never cut), and one past five waits; both stay in the input.
  const long = 'A tag far longer than twenty-five characters';
  await input.fill(`field notes, ${long},  Rock   Pools , Sixth`);
  await input.press('Enter');
  now = await popup.evaluate(readPopupState);
  assert.deepEqual(now.tags, [...state.tags, 'Field Notes', 'Rock Pools']);
  assert.ok(!now.tags.some((tag) => long.startsWith(tag)), 'no cut-off copy of the long tag');
  assert.match(now.tagsLeftOut, new RegExp(`“${long}” \\(over 25 characters`));
  assert.match(now.tagsLeftOut, /“Sixth” \(Medium takes 5 tags at most/);
  assert.equal(now.tagInput, `${long}, Sixth`);
  await popup.waitForFunction(() => document.getElementById('saved').textContent === 'Saved');
  await popup.close();
  const again = await openPopup(`tab=${tabId}`);
  assert.deepEqual(again.state.tags, now.tags);
  await again.popup.close();
  await page.close();
});

test('a hostile page runs nothing in the popup', async () => {
  const { page, tabId } = await openFixture('/posts/hostile.html');
  assert.equal(await page.evaluate(() => window.__hostileRanInPage), true, 'the page itself is live');
  const { popup, state } = await openPopup(`tab=${tabId}`);
  assert.equal(state.problem, null, 'the hostile page still gives a draft');
  assert.ok(state.body.includes(HOSTILE_MARKER));
  assert.ok(state.preview.includes(HOSTILE_MARKER));
  // Let any injected handler (img onerror, svg onload) have its chance to fire.
  await popup.waitForLoadState('load');
  await popup.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 200))));
  assert.deepEqual(await popup.evaluate(dangerousNodesInPage), []);
  const after = await popup.evaluate(readPopupState);
  assert.equal(after.documentTitle, 'Send to Medium');
  assert.equal(await popup.evaluate(async () => (await chrome.storage.local.get('pwned')).pwned), undefined);
  assert.ok(!/^javascript:/i.test(after.canonical), 'a javascript: canonical is never offered');
  // The title's markup is shown as text, never parsed.
  assert.ok(!(await popup.locator('img[src="x"]').count()));
  await popup.close();
  await page.close();
});

test('a page without an article says so and what to do', async () => {
  const { page, tabId } = await openFixture('/posts/empty.html');
  const { popup, state } = await openPopup(`tab=${tabId}`);
  assert.equal(state.draftShown, false);
  assert.equal(state.problem.code, 'no-article');
  assert.match(state.problem.message, /selection/i);
  await popup.close();
  await page.close();
});

test('browser pages cannot be read, and the popup says what to do instead', async () => {
  const page = await context.newPage();
  await page.goto('chrome://version/');
  const tabId = await worker.evaluate(async () => Math.max(...(await chrome.tabs.query({})).map((t) => t.id)));
  const { popup, state } = await openPopup(`tab=${tabId}`);
  assert.equal(state.problem.code, 'unreadable-page');
  assert.match(state.problem.message, /normal tab/);
  await popup.close();
  await page.close();
});

test('"Send selection to Medium" builds the draft from the selection only', async () => {
  const { page, tabId } = await openFixture(tidePools(origin).path);
  await page.evaluate(() => {
    const paragraph = [...document.querySelectorAll('p')].find((p) => p.textContent.includes('Get to the shore'));
    getSelection().selectAllChildren(paragraph);
  });
  const answer = await sendToBackground({ type: 'capture', tabId, mode: 'selection' });
  assert.equal(answer.ok, true, JSON.stringify(answer.error));
  const body = answer.record.built.draft.body_html;
  assert.match(body, /Get to the shore an hour before the low/);
  assert.doesNotMatch(body, /periwinkle-lantern/);
  assert.equal(answer.record.built.draft.title, tidePools(origin).title, 'metadata still comes from the page');
  await page.close();
});

test('"Send linked post to Medium" fetches the post from the background', async () => {
  const answer = await sendToBackground({ type: 'capture', mode: 'link', linkUrl: `${origin}/posts/tide-pools.html` });
  assert.equal(answer.ok, true, JSON.stringify(answer.error));
  assert.equal(answer.record.built.draft.title, tidePools(origin).title);
  assert.equal(answer.record.source_url, `${origin}/posts/tide-pools.html`);
  const refused = await sendToBackground({ type: 'capture', mode: 'link', linkUrl: 'https://blog.example/post' });
  assert.equal(refused.ok, false);
  assert.equal(refused.error.code, 'permission-denied');
});

test('unticking a backlink takes it out of what goes to Medium, and the choice is kept', async () => {
  const expected = tidePools(origin);
  const { page, tabId } = await openFixture(expected.path);
  const { popup, state } = await openPopup(`tab=${tabId}`);
  assert.deepEqual(state.backlinks.map((b) => b.url), expected.relatedPosts);
  const [dropped, kept] = expected.relatedPosts;
  await popup.locator('#backlinks li').first().locator('input').uncheck();

  const [download] = await Promise.all([
    popup.waitForEvent('download'),
    popup.getByRole('button', { name: 'Download .md' }).click(),
  ]);
  const markdown = await readFile(await download.path(), 'utf8');
  assert.ok(!markdown.includes(dropped), 'the unticked post is not linked');
  assert.ok(markdown.includes(kept), 'the other post is still linked');
  assert.ok(markdown.includes(expected.canonical), 'the canonical footer link stays');
  await popup.close();

  const again = await openPopup(`tab=${tabId}`);
  assert.deepEqual(
    again.state.backlinks.map((b) => b.checked),
    [false, true],
    'reopening shows the same choice',
  );
  await again.popup.close();
  await page.close();
});

test('a linked post in a legacy encoding is decoded by its <meta charset>, not as UTF-8', async () => {
  // Served as plain text/html: the core picks windows-1252 from the page, the browser decodes.
  const answer = await sendToBackground({ type: 'capture', mode: 'link', linkUrl: `${origin}/posts/legacy-latin1.htm` });
  assert.equal(answer.ok, true, JSON.stringify(answer.error));
  const { draft } = answer.record.built;
  assert.equal(draft.title, 'Crème brûlée à la maison');
  assert.match(draft.body_html, /des œufs très frais/);
  assert.doesNotMatch(draft.body_html, /\uFFFD/);
});

test('Copy Markdown and Download .md export the draft with the edits', async () => {
  const { page, tabId } = await openFixture(tidePools(origin).path);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const { popup } = await openPopup(`tab=${tabId}`);
  await popup.locator('#title').fill('Tide Tables, Exported');
  await popup.getByRole('button', { name: 'Copy Markdown' }).click();
  await popup.waitForFunction(() => document.getElementById('action-result').textContent.includes('copied'));
  // The clipboard is the browser's: read it back from a page of an origin that may read it.
  await page.bringToFront();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /^# Tide Tables, Exported/);
  assert.match(copied, /periwinkle-lantern/);

  const [download] = await Promise.all([
    popup.waitForEvent('download'),
    popup.getByRole('button', { name: 'Download .md' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'tide-tables-exported.md');
  const saved = await readFile(await download.path(), 'utf8');
  assert.equal(saved, copied);
  await popup.close();
  await page.close();
});

test('every popup control is labelled and reachable with the keyboard', async () => {
  const { page, tabId } = await openFixture(tidePools(origin).path);
  const { popup } = await openPopup(`tab=${tabId}`);
  const unlabelled = await popup.evaluate(() =>
    [...document.querySelectorAll('button, input, select, textarea')]
      .filter((el) => el.offsetParent !== null)
      .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.textContent.trim()))
      .map((el) => el.id || el.outerHTML.slice(0, 60)),
  );
  assert.deepEqual(unlabelled, []);
  const reached = new Set();
  for (let i = 0; i < 60 && !reached.has('open-editor'); i += 1) {
    await popup.keyboard.press('Tab');
    reached.add(await popup.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute('aria-label')));
  }
  for (const id of ['title', 'subtitle', 'tag-input', 'canonical', 'body', 'post-api', 'copy-html', 'download-md', 'open-editor']) {
    assert.ok(reached.has(id), `Tab reaches #${id}`);
  }
  await popup.close();
  await page.close();
});

test('Options: the footer template and related links shape the next draft', async () => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  // Nothing stored yet: the fields show the core's defaults (default_options), not a copy.
  await options.waitForFunction(() => document.documentElement.dataset.loaded === 'true');
  const defaultFooter = 'Originally published at <a href="{url}">{site}</a>.';
  assert.equal(await options.locator('#footer_template').inputValue(), defaultFooter);
  assert.equal(await options.locator('#related_links').inputValue(), '3');
  await options.locator('#footer_template').fill('Cross-posted from <a href="{url}">{site}</a> by the tests.');
  await options.locator('#footer_template').blur();
  await options.locator('#related_links').fill('0');
  await options.locator('#related_links').blur();
  await options.waitForFunction(async () => {
    const { options: stored } = await chrome.storage.local.get('options');
    return stored?.related_links === 0 && stored.footer_template.includes('by the tests');
  });
  const answer = await sendToBackground({ type: 'capture', mode: 'link', linkUrl: `${origin}/posts/tide-pools.html` });
  assert.equal(answer.ok, true, JSON.stringify(answer.error));
  assert.match(answer.record.built.draft.content_html, /Cross-posted from <a href="[^"]+">[^<]+<\/a> by the tests\./);
  assert.deepEqual(answer.record.built.draft.backlinks, []);
  // An emptied footer goes back to the core's default.
  await options.locator('#footer_template').fill('');
  await options.locator('#footer_template').blur();
  await options.waitForFunction(async (footer) => {
    const { options: stored } = await chrome.storage.local.get('options');
    return stored?.footer_template === footer;
  }, defaultFooter);

  await options.evaluate(() => chrome.storage.local.remove('options'));
  await options.close();
});

test('with text selected, the toolbar popup offers the selection alone (the Android path)', async () => {
  const { page, tabId } = await openFixture('/posts/tide-pools.html?from=toolbar');
  await page.evaluate(() => {
    const paragraph = [...document.querySelectorAll('p')].find((p) => p.textContent.includes('Get to the shore'));
    getSelection().selectAllChildren(paragraph);
  });
  const { popup, state } = await openPopup(`tab=${tabId}`);
  assert.ok(state.body.includes('periwinkle-lantern'), 'the toolbar reads the whole page first');
  await popup.getByRole('button', { name: 'Use only the selected text' }).click();
  await popup.waitForFunction(() => !document.getElementById('body').value.includes('periwinkle-lantern'));
  const now = await popup.evaluate(readPopupState);
  assert.match(now.body, /Get to the shore an hour before the low/);
  assert.equal(now.title, tidePools(origin).title);
  assert.ok(await popup.locator('#use-selection').isHidden());
  await popup.close();
  await page.close();
});

// --- delivery to (fake) Medium: the shared scenarios, driven through playwright ----------------

/** A page as the shared scenarios drive it. */
function driven(page) {
  return {
    evaluateSource: (expression) => page.evaluate(expression),
    evaluate: (fn, ...args) => page.evaluate(`(${fn})(...${JSON.stringify(args)})`),
    click: (selector) => page.locator(selector).click(),
    fill: (selector, text) => page.locator(selector).fill(text),
    append: async (selector, text) => {
      await page.locator(selector).focus();
      await page.keyboard.press('Control+End');
      await page.keyboard.insertText(text);
    },
    clickAt: (x, y) => page.mouse.click(x, y),
    close: () => page.close(),
  };
}

let extensionPage;

/** Part of `before` (a second root hook would race the first): the scenarios' extension page. */
async function setUpDelivery() {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  extensionPage = driven(page);
  // The clipboard is read back from a fixture page (reading needs the permission; nothing the
  // extension does is granted anything).
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
}

registerDeliveryTests(() => ({
  name: 'chromium',
  fake,
  origin,
  ext: extensionPage,
  async openFixture(path) {
    const { page, tabId } = await openFixture(path);
    return { page: driven(page), tabId };
  },
  async openPopup(query) {
    return driven((await openPopup(query)).popup);
  },
  async openOptions() {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    return driven(page);
  },
  watchTabs() {
    const known = new Set(context.pages());
    return async (prefix) => {
      const page = await waitFor(() => context.pages().find((p) => !known.has(p) && p.url().startsWith(prefix)), {
        what: `a new tab at ${prefix}`,
      });
      await page.waitForLoadState('load');
      return driven(page);
    };
  },
  async readClipboard() {
    const reader = await context.newPage();
    await reader.goto(`${origin}/posts/empty.html`);
    const copied = await reader.evaluate(async () => {
      const found = { text: '', html: null };
      for (const item of await navigator.clipboard.read()) {
        if (item.types.includes('text/plain')) found.text = await (await item.getType('text/plain')).text();
        if (item.types.includes('text/html')) found.html = await (await item.getType('text/html')).text();
      }
      return found;
    });
    await reader.close();
    return copied;
  },
}));
