// Delivery to Medium end to end, written once and run by both browser suites against the fake
// Medium (tests/fake-medium): the token in Options, Post via API and every way it can fail,
// the editor paste and its fallbacks, the import path, history and the warnings before sending.
// Each suite passes a driver with the same small surface (see `registerDeliveryTests`), so the
// scenarios never know which browser runs them.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { TOKENS, USERS } from '../fake-medium/server.mjs';
import { API_TIMEOUT_MS, HOSTILE_MARKER, tidePools, waitFor } from './harness.mjs';
import { readPopupState } from './popup-state.mjs';

const ADA = USERS[TOKENS.VALID];

// --- run in pages (each is sent as source, so it must be self-contained) ----------------------

/** Everything in storage.local (an extension page). */
function readStorage() {
  return (globalThis.browser ?? globalThis.chrome).storage.local.get(null);
}

/** Replaces the keys in `values`, removes those in `removed` (an extension page). */
async function writeStorage(values, removed = []) {
  const api = globalThis.browser ?? globalThis.chrome;
  if (removed.length) await api.storage.local.remove(removed);
  await api.storage.local.set(values);
}

/** The draft the popup is on, as stored (an extension page). */
async function readCurrentDraft() {
  const api = globalThis.browser ?? globalThis.chrome;
  const { current_draft_id: id } = await api.storage.local.get('current_draft_id');
  return (await api.storage.local.get(`draft:${id}`))[`draft:${id}`] ?? null;
}

/** Runs `scripting.executeScript(func)` in a tab from an extension page: the content-script
 * world, where the extension's own (closed) shadow roots can be opened. */
async function inTab(tabId, func, args) {
  const api = globalThis.browser ?? globalThis.chrome;
  const [answer] = await api.scripting.executeScript({ target: { tabId }, func, args });
  return answer?.result ?? null;
}

/** The tab id of the newest tab whose address starts with `prefix` (an extension page). */
async function tabIdOf(prefix) {
  const api = globalThis.browser ?? globalThis.chrome;
  const tabs = (await api.tabs.query({})).filter((t) => (t.url ?? '').startsWith(prefix));
  return tabs.length ? Math.max(...tabs.map((t) => t.id)) : null;
}

/** The editor panel the content script shows, read in the content-script world. */
function readEditorPanel() {
  const host = document.querySelector('send-to-medium-panel');
  if (!host) return null;
  const ext = globalThis.browser ?? globalThis.chrome;
  const root = ext?.dom?.openOrClosedShadowRoot?.(host) ?? host.openOrClosedShadowRoot;
  if (!root) return { state: host.dataset.state, error: 'the panel cannot be opened from a content script' };
  return {
    state: host.dataset.state,
    hint: root.querySelector('.hint')?.textContent ?? null,
    items: [...root.querySelectorAll('ol > li')].map((li) => ({
      text: li.textContent,
      values: [...li.querySelectorAll('.value')].map((v) => v.textContent),
      buttons: [...li.querySelectorAll('button')].map((b) => b.textContent),
    })),
    buttons: [...root.querySelectorAll('button')].map((b) => b.textContent),
    text: root.textContent,
  };
}

/** Scrolls the panel's button labelled `label` into view and says where its centre is. */
function locatePanelButton(label) {
  const host = document.querySelector('send-to-medium-panel');
  const ext = globalThis.browser ?? globalThis.chrome;
  const root = ext?.dom?.openOrClosedShadowRoot?.(host) ?? host?.openOrClosedShadowRoot;
  const button = [...(root?.querySelectorAll('button') ?? [])].find((b) => b.textContent === label);
  if (!button) return null;
  button.scrollIntoView({ block: 'center' });
  const box = button.getBoundingClientRect();
  return { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) };
}

/** What the page itself (its DOM, its storage, its cookies) holds, as one string. */
function pageVisibleText() {
  return [document.documentElement.outerHTML, document.cookie, JSON.stringify({ ...localStorage })].join('\n');
}

/** The popup page: its markup and every field's current value. */
function popupVisibleText() {
  const values = [...document.querySelectorAll('input, textarea, select')].map((el) => el.value);
  return [document.documentElement.outerHTML, ...values].join('\n');
}

/** The fake editor page: what its title, body and paste log hold, and anything in the pasted
 * HTML that could run (elements or attributes, not text that merely mentions them). */
function readFakeEditor() {
  const pastes = JSON.parse(document.getElementById('paste-log').textContent);
  const runnable = [];
  for (const paste of pastes) {
    const pasted = new DOMParser().parseFromString(paste.html, 'text/html');
    for (const el of pasted.body.querySelectorAll('*')) {
      if (['SCRIPT', 'IFRAME', 'FRAME', 'OBJECT', 'EMBED', 'STYLE', 'FORM', 'svg'].includes(el.tagName)) runnable.push(el.tagName);
      for (const attr of el.attributes) {
        if (/^on/i.test(attr.name)) runnable.push(`${el.tagName}[${attr.name}]`);
        if (/^\s*(javascript|data|vbscript):/i.test(attr.value)) runnable.push(`${el.tagName}[${attr.name}=${attr.value.slice(0, 20)}]`);
      }
    }
  }
  return {
    runnable,
    mode: document.body.dataset.mode,
    title: document.querySelector('[data-testid="editorTitleParagraph"]')?.textContent ?? null,
    body: document.querySelector('.postArticle-content')?.textContent ?? null,
    bodyHtml: document.querySelector('.postArticle-content')?.innerHTML ?? null,
    pastes,
  };
}

/** The options page's history list and today's count. */
function readHistoryList() {
  return {
    today: document.getElementById('today').textContent,
    entries: [...document.querySelectorAll('#history > li')].map((li) => ({
      text: li.textContent,
      links: [...li.querySelectorAll('a[href]')].map((a) => a.href),
    })),
  };
}

function clearActionResult() {
  document.getElementById('action-result').textContent = '';
}

function actionResultNow() {
  const box = document.getElementById('action-result');
  const text = box.textContent;
  // Finished: a result, and the send buttons usable again.
  if (!text || text === 'Sending…' || document.getElementById('post-api').disabled) return null;
  return {
    text,
    error: box.classList.contains('error'),
    link: box.querySelector('a[href]')?.href ?? null,
    retryShown: document.getElementById('retry')?.hidden === false,
    status: document.getElementById('status').textContent,
  };
}

// --- the driver the suites provide -------------------------------------------------------------
//
// browser = {
//   name, fake, origin,
//   ext: Page                      an extension page kept open (storage, tabs, scripting)
//   openFixture(path) → {page, tabId}
//   openPopup(query) → Page        the review popup, once it shows a draft or a problem
//   openOptions() → Page
//   watchTabs() → next(prefix) → Page   (both async) a tab opened since, whose URL starts so
//   readClipboard() → {text, html}
// }
// Page = { evaluate(fn, ...args), evaluateSource(expression), click(selector), fill(selector, text),
//          append(selector, text), clickAt(x, y), close() }
//   evaluate* await a returned promise; click, fill, append and clickAt are real user input.

async function storage(browser) {
  return browser.ext.evaluate(readStorage);
}

/** Runs `fn(...args)` in the content-script world of the tab whose URL starts with `prefix`. */
async function inContentScript(browser, prefix, fn, ...args) {
  const tabId = await waitFor(() => browser.ext.evaluate(tabIdOf, prefix), { what: `a tab at ${prefix}` });
  // The function travels as source inside the extension page's own script.
  return browser.ext.evaluateSource(
    `(${inTab.toString()})(${JSON.stringify(tabId)}, ${fn.toString()}, ${JSON.stringify(args)})`,
  );
}

/** A clean slate for one scenario: fake back to normal, history and options as a new user's. */
async function reset(browser, { token = TOKENS.VALID, user = true } = {}) {
  browser.fake.clear();
  const values = { history: [] };
  if (token) values.medium_token = token;
  if (user) values.medium_user = { id: ADA.id, username: ADA.username, name: ADA.name, url: `${browser.fake.origin}/@${ADA.username}` };
  await browser.ext.evaluate(writeStorage, values, ['options', ...(token ? [] : ['medium_token']), ...(user ? [] : ['medium_user'])]);
}

/** The options page, once it shows what is stored. */
async function openOptions(browser) {
  const options = await browser.openOptions();
  await waitFor(() => options.evaluate(() => document.documentElement.dataset.loaded === 'true'), { what: 'the options page to load' });
  return options;
}

/** Clicks a send button in the popup and waits for its outcome (not the "Sending…" in between). */
async function clickAndWait(popup, selector) {
  await popup.evaluate(clearActionResult);
  await popup.click(selector);
  return waitFor(() => popup.evaluate(actionResultNow), { what: `the outcome of ${selector}`, timeout: 15_000 });
}

/** A fresh draft of the tide-pools post in its own tab (`key` makes it a new document). */
async function freshDraft(browser, key) {
  const { page, tabId } = await browser.openFixture(`${tidePools(browser.origin).path}?case=${key}`);
  const popup = await browser.openPopup(`tab=${tabId}`);
  const state = await popup.evaluate(readPopupState);
  assert.equal(state.problem, null, `a draft for ${key}`);
  return { page, tabId, popup, state };
}

function assertNoToken(where, text, token = TOKENS.VALID) {
  assert.ok(!String(text).includes(token), `the token is not in ${where}`);
}

/** The token went only in the Authorization header of API requests, nowhere else. */
function assertTokenOnlyInAuthorization(fake, token = TOKENS.VALID) {
  assert.ok(fake.requests.length > 0, 'some API request was made');
  for (const request of fake.requests) {
    assert.equal(request.headers.authorization, `Bearer ${token}`, `${request.method} ${request.path} is authorised`);
    const { authorization, ...others } = request.headers;
    assertNoToken(`${request.method} ${request.path}: path, body or other headers`, JSON.stringify([request.path, request.body, others]), token);
  }
  for (const request of fake.pageRequests) {
    assertNoToken(`the page request ${request.url}`, JSON.stringify(request), token);
  }
}

async function closeAll(...pages) {
  for (const page of pages) await page?.close();
}

// --- the scenarios -----------------------------------------------------------------------------

/** The error cases of Post via API: what the fake does, and what the popup must then say. */
const FAILURES = [
  {
    name: '400 (a field Medium rejects)',
    rule: { status: 400, body: { errors: [{ message: 'Invalid canonicalUrl.', code: 6026 }] } },
    code: 'bad-request',
    message: /rejected the post as incomplete or invalid\. Medium said: "Invalid canonicalUrl\."/,
  },
  {
    name: '401 (token revoked)',
    rule: { status: 401, body: { errors: [{ message: 'Token was invalid.', code: 6003 }] } },
    code: 'unauthorized',
    message: /refused the token: it is invalid or revoked.*Options/,
  },
  {
    name: '403 (no right to post there)',
    rule: { status: 403, body: { errors: [{ message: 'You may not publish as another user.', code: 6027 }] } },
    code: 'forbidden',
    message: /does not allow this account to post there/,
  },
  {
    name: '429 with Retry-After',
    rule: { status: 429, retryAfter: '120' },
    code: 'rate-limited',
    message: /too many requests.*wait about 2 minutes/,
  },
  {
    name: '500',
    rule: { status: 500 },
    code: 'server-error',
    message: /Medium's server had a problem \(HTTP 500\)/,
  },
  {
    name: 'timeout (no answer in time)',
    rule: { delayMs: API_TIMEOUT_MS + 2000, hangUp: true },
    code: 'timeout',
    message: new RegExp(`did not answer within ${Math.round(API_TIMEOUT_MS / 1000)} seconds.*look at your drafts on medium\\.com before you Retry`),
  },
  {
    name: 'network failure (connection dropped)',
    rule: { hangUp: true },
    code: 'network',
    message: /Could not reach Medium/,
  },
  {
    name: 'network failure (port refused)',
    refuse: true,
    code: 'network',
    message: /Could not reach Medium/,
  },
];

/** Registers the delivery tests; `getBrowser()` gives the driver once the suite's `before` ran. */
export function registerDeliveryTests(getBrowser) {
  test('Options: a valid token shows the account; a refused or unchecked one is never taken for checked; the field is masked', async () => {
    const browser = getBrowser();
    const { fake } = browser;
    await reset(browser, { token: null, user: false });
    const options = await openOptions(browser);
    const tokenField = () => options.evaluate(() => document.getElementById('token').type);
    const result = (previous) =>
      waitFor(
        () =>
          options.evaluate((before) => {
            const text = document.getElementById('token-result').textContent;
            return text && text !== before && !/Checking/.test(text) ? text : null;
          }, previous),
        { what: 'the token check' },
      );
    assert.equal(await tokenField(), 'password', 'the token is masked');
    await options.click('#show-token');
    assert.equal(await tokenField(), 'text', 'Show reveals it on request');
    await options.click('#show-token');
    assert.equal(await tokenField(), 'password');

    // Valid: GET /me, the account's name shown and stored.
    await options.fill('#token', TOKENS.VALID);
    await options.click('#check-token');
    let said = await result('');
    assert.match(said, /Connected as Ada Lovelace/);
    let stored = await storage(browser);
    assert.equal(stored.medium_token, TOKENS.VALID);
    assert.equal(stored.medium_user?.id, ADA.id);
    assert.deepEqual(fake.requests.map((r) => `${r.method} ${r.path}`), ['GET /v1/me']);
    assertTokenOnlyInAuthorization(fake);

    // Refused (401): a clear message, and no account kept for it.
    fake.clear();
    await options.fill('#token', 'revoked-token-6003');
    await options.click('#check-token');
    said = await result(said);
    assert.match(said, /refused/i);
    assert.match(said, /invalid or revoked/);
    assert.doesNotMatch(said, /Connected/);
    assert.doesNotMatch(said, /draft/i, 'Options talks about the token, not a draft');
    stored = await storage(browser);
    assert.equal(stored.medium_user ?? null, null, 'no account is kept for a refused token');
    assert.equal(fake.requests[0].headers.authorization, 'Bearer revoked-token-6003');

    // Checked once, then replaced by another token while Medium cannot be reached: the old
    // account must not be shown for, or used with, the new token.
    await options.fill('#token', TOKENS.VALID);
    await options.click('#check-token');
    said = await result(said);
    assert.match(said, /Connected as Ada Lovelace/);
    await fake.refuseConnections();
    try {
      await options.fill('#token', TOKENS.WRITER);
      await options.click('#check-token');
      said = await result(said);
    } finally {
      await fake.acceptConnections();
    }
    assert.match(said, /Could not reach Medium/);
    assert.doesNotMatch(said, /Connected as/);
    stored = await storage(browser);
    assert.equal(stored.medium_token, TOKENS.WRITER, 'what the user pasted is kept');
    assert.notEqual(stored.medium_user?.id, ADA.id, "the previous token's account is not taken for this one");
    await options.close();

    // Reopened, Options does not claim an account it never checked for this token.
    const again = await openOptions(browser);
    assert.equal(await again.evaluate(() => document.getElementById('token').value), TOKENS.WRITER);
    assert.doesNotMatch(await again.evaluate(() => document.getElementById('token-result').textContent), /Ada Lovelace/);
    assert.equal(await again.evaluate(() => document.getElementById('token').type), 'password');
    await again.close();
  });

  test('Post via API: a draft by default, the tags Medium reads, the URL shown and opened; the token stays in the Authorization header', async () => {
    const browser = getBrowser();
    const { fake } = browser;
    const expected = tidePools(browser.origin);
    await reset(browser, { user: false });
    const { page, popup, state } = await freshDraft(browser, 'post');
    assert.deepEqual(state.tags, expected.tags);
    await popup.fill('#title', 'Tide Tables, Posted');
    for (const tag of ['Oceans', 'Field Notes']) {
      await popup.fill('#tag-input', tag);
      await popup.evaluate(() => document.getElementById('add-tag').click());
    }
    assert.deepEqual((await popup.evaluate(readPopupState)).tags, [...expected.tags, 'Oceans', 'Field Notes']);
    const next = await browser.watchTabs();
    const outcome = await clickAndWait(popup, '#post-api');
    assert.equal(outcome.error, false, outcome.text);
    assert.match(outcome.text, /Posted to Medium/);
    assert.match(outcome.text, /only the first 3 tags, so these were not sent: "Oceans", "Field Notes"/, 'the popup says which tags were left out');

    // What Medium received: one draft, as the contract says.
    assert.equal(fake.posts.length, 1, 'exactly one post created');
    const [post] = fake.posts;
    assert.equal(outcome.link, post.url, 'the popup links the new post');
    const create = fake.requests.find((r) => r.method === 'POST');
    assert.equal(create.path, `/v1/users/${ADA.id}/posts`, 'posted as the account GET /me returned');
    assert.match(create.headers['content-type'], /^application\/json/);
    assert.match(create.headers.accept, /application\/json/);
    assert.deepEqual(Object.keys(create.json).sort(), ['canonicalUrl', 'content', 'contentFormat', 'license', 'notifyFollowers', 'publishStatus', 'tags', 'title']);
    assert.equal(create.json.title, 'Tide Tables, Posted');
    assert.equal(create.json.contentFormat, 'html');
    assert.equal(create.json.publishStatus, 'draft', 'drafts by default');
    assert.equal(create.json.license, 'all-rights-reserved');
    assert.equal(create.json.notifyFollowers, false);
    assert.equal(create.json.canonicalUrl, expected.canonical);
    assert.deepEqual(create.json.tags, expected.tags, 'only the three tags Medium reads');
    assert.match(create.json.content, /^<h1>Tide Tables, Posted<\/h1><h2>How to read a tide table/, 'the title heads the content');
    for (const phrase of expected.bodyPhrases) assert.ok(create.json.content.includes(phrase), `content has "${phrase}"`);
    assert.ok(create.json.content.includes(`href="${expected.canonical}"`), 'the footer links the original');
    assert.equal(post.publishStatus, 'draft');

    // The post opens in a tab.
    const opened = await next(post.url);
    const shownTitle = await waitFor(() => opened.evaluate(() => document.getElementById('post-title')?.textContent), { what: 'the post page' });
    assert.equal(shownTitle, 'Tide Tables, Posted');

    // Recorded: the draft is sent, the history has the URL.
    const stored = await storage(browser);
    const draft = await browser.ext.evaluate(readCurrentDraft);
    assert.equal(draft.status, 'sent');
    const last = stored.history.at(-1);
    assert.deepEqual(
      { method: last.method, medium_url: last.medium_url, title: last.title, canonical_url: last.canonical_url, source_url: last.source_url, status: last.status },
      { method: 'api', medium_url: post.url, title: 'Tide Tables, Posted', canonical_url: expected.canonical, source_url: `${browser.origin}${expected.path}?case=post`, status: 'draft' },
    );

    // The token: only in the Authorization header, nowhere in the popup or in storage but its key.
    assertTokenOnlyInAuthorization(fake);
    assertNoToken('the popup', await popup.evaluate(popupVisibleText));
    const { medium_token: token, ...rest } = stored;
    assert.equal(token, TOKENS.VALID);
    assertNoToken('storage outside medium_token', JSON.stringify(rest));
    await closeAll(opened, popup, page);
  });

  for (const failure of FAILURES) {
    test(`Post via API, ${failure.name}: the draft and its edits are kept, the popup says what to do, Retry sends it`, async () => {
      const browser = getBrowser();
      const { fake } = browser;
      await reset(browser);
      const key = failure.code + (failure.refuse ? '-refused' : '');
      const { page, tabId, popup } = await freshDraft(browser, key);
      const title = `Tide Tables (${key})`;
      const sentence = `Kept through the ${key} failure: amber-kestrel.`;
      await popup.fill('#title', title);
      await popup.append('#body', `\n\n${sentence}`);
      await waitFor(() => popup.evaluate(() => document.getElementById('saved').textContent === 'Saved'), { what: 'the autosave' });
      const before = await browser.ext.evaluate(readCurrentDraft);

      // Medium fails every post until it is back to normal (a browser may retry a request on
      // its own when a connection drops; that must not hide the failure).
      if (failure.refuse) await fake.refuseConnections();
      else fake.failNext({ ...failure.rule, path: '/posts', times: Infinity });
      let outcome;
      try {
        outcome = await clickAndWait(popup, '#post-api');
      } finally {
        if (failure.refuse) await fake.acceptConnections();
        fake.normal();
      }
      assert.equal(outcome.error, true, outcome.text);
      assert.match(outcome.text, failure.message);
      assert.match(outcome.text, /Your draft is kept/);
      assertNoToken('the error message', outcome.text);
      assert.ok(outcome.retryShown, 'Retry is offered');
      assert.equal(fake.posts.length, 0, 'nothing was created');

      // Kept in storage: failed, with the error, the edits and the built draft untouched.
      const kept = await browser.ext.evaluate(readCurrentDraft);
      assert.equal(kept.id, before.id);
      assert.equal(kept.status, 'failed');
      assert.equal(kept.error.code, failure.code);
      assert.ok(outcome.text.startsWith(kept.error.message), 'the popup shows the stored error');
      assert.deepEqual(kept.edits, before.edits);
      assert.equal(kept.edits.title, title);
      assert.equal(kept.body_markdown, before.body_markdown);
      assert.ok(kept.body_markdown.includes(sentence));
      assert.deepEqual(kept.built, before.built);
      await popup.close();

      // Reopened on the same page: the failed draft, its error and a Retry.
      const reopened = await browser.openPopup(`tab=${tabId}`);
      const state = await reopened.evaluate(readPopupState);
      assert.equal(state.title, title);
      assert.ok(state.body.includes(sentence));
      const shown = await reopened.evaluate(() => ({
        status: document.getElementById('status').textContent,
        retry: document.getElementById('retry')?.hidden === false,
      }));
      assert.match(shown.status, /Sending failed/);
      assert.ok(shown.status.includes(kept.error.message), 'the error is shown again');
      assert.ok(shown.retry, 'Retry is offered again');

      // Medium is back: Retry sends the kept draft, with its edits.
      const next = await browser.watchTabs();
      const retried = await clickAndWait(reopened, '#retry');
      assert.equal(retried.error, false, retried.text);
      assert.match(retried.text, /Posted to Medium/);
      assert.equal(fake.posts.length, 1);
      const [post] = fake.posts;
      assert.equal(post.title, title);
      assert.ok(post.content.includes('amber-kestrel'), 'the edited body went out');
      const sent = await browser.ext.evaluate(readCurrentDraft);
      assert.equal(sent.status, 'sent');
      assert.equal(sent.error, null);
      const { history } = await storage(browser);
      assert.equal(history.length, 1);
      assert.equal(history[0].medium_url, post.url);
      assert.equal(history[0].method, 'api');
      assert.equal(await reopened.evaluate(() => document.getElementById('retry')?.hidden), true, 'no Retry once sent');
      await closeAll(await next(post.url), reopened, page);
    });
  }

  test('Open in Medium: title and body arrive in the editor, the checklist lists what a paste cannot set, the page never sees the token', async () => {
    const browser = getBrowser();
    const { fake } = browser;
    const expected = tidePools(browser.origin);
    await reset(browser);
    const { page, popup } = await freshDraft(browser, 'editor');
    const next = await browser.watchTabs();
    const outcome = await clickAndWait(popup, '#open-editor');
    assert.match(outcome.text, /Opened Medium’s editor/);
    const editor = await next(`${fake.origin}/new-story`);
    const panel = await waitFor(() => inContentScript(browser, `${fake.origin}/new-story`, readEditorPanel), { what: 'the editor panel' });
    const pasted = await editor.evaluate(readFakeEditor);
    assert.equal(panel.state, 'inserted');
    assert.equal(pasted.title, expected.title);
    for (const phrase of expected.bodyPhrases) assert.ok(pasted.body.includes(phrase), `the body has "${phrase}"`);
    assert.ok(!pasted.body.includes(expected.subtitle), 'the subtitle is not pasted into the story');
    assert.deepEqual(pasted.pastes.map((p) => p.taken), [true, true], 'one paste for the title, one for the body');
    assert.ok(pasted.pastes[1].html.includes('<p>'), 'the body arrives as HTML');
    assert.ok(!pasted.pastes[1].plain.includes('<p>'), 'and as plain text');

    // The checklist: canonical link with its copy button, tags, subtitle (the title arrived).
    const canonicalItem = panel.items.find((item) => item.values.includes(expected.canonical));
    assert.ok(canonicalItem, `the canonical link is listed: ${JSON.stringify(panel.items)}`);
    assert.match(canonicalItem.text, /originally published elsewhere/);
    assert.deepEqual(canonicalItem.buttons, ['Copy URL']);
    assert.ok(panel.items.some((item) => item.values.includes(expected.tags.join(', '))), 'the tags are listed');
    assert.ok(panel.items.some((item) => item.values.includes(expected.subtitle)), 'the subtitle is listed');
    assert.ok(!panel.items.some((item) => /^Title/.test(item.text)), 'no title step once the title arrived');
    assert.equal(panel.hint, null, 'no paste hint when the paste worked');

    // The copy button copies the canonical URL (a real click on the page).
    const at = await inContentScript(browser, `${fake.origin}/new-story`, locatePanelButton, 'Copy URL');
    await editor.clickAt(at.x, at.y);
    await waitFor(async () => (await inContentScript(browser, `${fake.origin}/new-story`, readEditorPanel)).buttons.includes('Copied'), { what: 'Copy URL to say Copied' });
    assert.equal((await browser.readClipboard()).text, expected.canonical);

    // Sent and recorded as opened in the editor.
    const { history } = await storage(browser);
    assert.deepEqual([history.at(-1).method, history.at(-1).medium_url], ['editor', null]);
    assert.equal((await browser.ext.evaluate(readCurrentDraft)).status, 'sent');

    // The token was saved all along, yet the editor page (DOM, paste data, storage) and the
    // panel the content script made never hold it, and no request to the page carried it.
    assertNoToken('the editor page', await editor.evaluate(pageVisibleText));
    assertNoToken('the editor panel', JSON.stringify(panel));
    assert.ok(fake.pageRequests.some((r) => r.url.startsWith(`${fake.origin}/new-story`)));
    for (const request of fake.pageRequests) assertNoToken(`the page request ${request.url}`, JSON.stringify(request));
    assert.equal(fake.requests.length, 0, 'the editor path makes no API call');
    await closeAll(editor, popup, page);
  });

  test('Open in Medium with a hostile post: its words arrive, nothing of its script reaches or runs in the editor', async () => {
    const browser = getBrowser();
    const { fake } = browser;
    await reset(browser);
    const { page, tabId } = await browser.openFixture('/posts/hostile.html');
    const popup = await browser.openPopup(`tab=${tabId}`);
    const next = await browser.watchTabs();
    await clickAndWait(popup, '#open-editor');
    const editor = await next(`${fake.origin}/new-story`);
    const panel = await waitFor(() => inContentScript(browser, `${fake.origin}/new-story`, readEditorPanel), { what: 'the editor panel' });
    assert.equal(panel.state, 'inserted');
    const pasted = await editor.evaluate(readFakeEditor);
    assert.match(pasted.title, /Ten Tips/);
    assert.ok(pasted.body.includes(HOSTILE_MARKER));
    assert.equal(pasted.pastes.length, 2);
    assert.deepEqual(pasted.runnable, [], 'nothing that could run is in what the extension pasted');
    assert.notEqual(await editor.evaluate(() => document.title), 'PWNED', 'nothing from the hostile page ran in the editor');
    await closeAll(editor, popup, page);
  });

  for (const mode of ['ignore-paste', 'no-editor']) {
    test(`Open in Medium, the page ${mode === 'ignore-paste' ? 'ignores the paste' : 'shows no editor'}: the story is on the clipboard, the page says to paste, the checklist is there`, async () => {
      const browser = getBrowser();
      const { fake } = browser;
      const expected = tidePools(browser.origin);
      await reset(browser);
      fake.setEditorMode(mode);
      const { page, popup } = await freshDraft(browser, mode);
      const next = await browser.watchTabs();
      await clickAndWait(popup, '#open-editor');
      const editor = await next(`${fake.origin}/new-story`);
      const panel = await waitFor(() => inContentScript(browser, `${fake.origin}/new-story`, readEditorPanel), {
        what: 'the fallback panel',
        timeout: 20_000,
      });
      assert.equal(panel.state, 'on-clipboard');
      assert.match(panel.hint, /on the clipboard/);
      assert.match(panel.hint, /(Ctrl|⌘)\+V/);
      assert.match(panel.hint, /long-press → Paste on Android/);
      const titleItem = panel.items.find((item) => /^Title/.test(item.text));
      assert.ok(titleItem, 'the title is in the checklist, since it did not arrive');
      assert.deepEqual(titleItem.values, [expected.title]);
      assert.ok(panel.items.some((item) => item.values.includes(expected.canonical) && item.buttons.includes('Copy URL')));
      assert.ok(panel.items.some((item) => item.values.includes(expected.tags.join(', '))));
      assert.ok(panel.items.some((item) => item.values.includes(expected.subtitle)));

      const pasted = await editor.evaluate(readFakeEditor);
      assert.equal(pasted.mode, mode);
      if (mode === 'ignore-paste') assert.deepEqual(pasted.pastes.map((p) => p.taken), [false, false], 'the page saw the pastes and dropped them');
      else assert.equal(pasted.body, null, 'there was no editor to paste into');

      // What is on the clipboard is the story's body, as rich HTML and as readable text.
      const clipboard = await browser.readClipboard();
      for (const phrase of expected.bodyPhrases) {
        assert.ok(clipboard.html?.includes(phrase), `the HTML on the clipboard has "${phrase}"`);
        assert.ok(clipboard.text.includes(phrase), `the text on the clipboard has "${phrase}"`);
      }
      assert.ok(!/<\/?(p|h1|h2|h3|a)\b/.test(clipboard.text), `the plain text is text, not markup: ${clipboard.text.slice(0, 120)}`);
      assert.ok(!clipboard.html.includes(expected.subtitle), 'the subtitle is not pasted into the body (it goes in the settings)');
      assertNoToken('the editor page', await editor.evaluate(pageVisibleText));
      await closeAll(editor, popup, page);
    });
  }

  test('Import: Medium\'s import page opens with the canonical URL on the clipboard; a private address is warned about first', async () => {
    const browser = getBrowser();
    const { fake } = browser;
    const expected = tidePools(browser.origin);
    await reset(browser);

    // A public address: straight to the import page, the address on the clipboard.
    const publicUrl = 'https://saltmarshnotes.blog/2024/07/tide-pools/';
    const first = await freshDraft(browser, 'import-public');
    // The popup closes when a tab opens, so what to do on Medium's page is said beforehand.
    assert.match(await first.popup.evaluate(() => document.getElementById('import-hint').textContent), /copies the post’s address.*paste it there/);
    await first.popup.fill('#canonical', publicUrl);
    let next = await browser.watchTabs();
    let outcome = await clickAndWait(first.popup, '#import');
    assert.equal(outcome.error, false, outcome.text);
    assert.match(outcome.text, /import tool; the post’s address is on your clipboard to paste there/);
    assert.doesNotMatch(outcome.text, /private|cannot reach/);
    const importPage = await next(fake.importUrl);
    assert.ok(await importPage.evaluate(() => Boolean(document.getElementById('import-url'))), "the fake's import page");
    assert.equal((await browser.readClipboard()).text, publicUrl);
    let { history } = await storage(browser);
    assert.deepEqual([history.at(-1).method, history.at(-1).canonical_url, history.at(-1).medium_url], ['import', publicUrl, null]);
    await closeAll(importPage, first.popup, first.page);

    // This machine's address: Medium cannot fetch it, and the popup says so before opening.
    const second = await freshDraft(browser, 'import-private');
    assert.equal(second.state.canonical, expected.canonical);
    next = await browser.watchTabs();
    outcome = await clickAndWait(second.popup, '#import');
    assert.match(outcome.text, /local or private, so Medium cannot reach it/);
    assert.match(outcome.text, /Click again/);
    ({ history } = await storage(browser));
    assert.equal(history.length, 1, 'nothing opened yet');
    outcome = await clickAndWait(second.popup, '#import');
    assert.match(outcome.text, /import tool/);
    const opened = await next(fake.importUrl);
    assert.equal((await browser.readClipboard()).text, expected.canonical);
    await closeAll(opened, second.popup, second.page);
  });

  test('History and warnings: a second send of the same post and sends past the daily limit are warned about; Options lists every send', async () => {
    const browser = getBrowser();
    const { fake } = browser;
    const expected = tidePools(browser.origin);
    await reset(browser);
    const options = await openOptions(browser);
    await options.fill('#daily_limit', '1');
    await options.evaluate(() => document.getElementById('daily_limit').dispatchEvent(new Event('change')));
    await waitFor(async () => (await storage(browser)).options?.daily_limit === 1, { what: 'the daily limit to be saved' });

    // First send: no warning.
    const first = await freshDraft(browser, 'history-1');
    let next = await browser.watchTabs();
    let outcome = await clickAndWait(first.popup, '#post-api');
    assert.match(outcome.text, /Posted to Medium/);
    await closeAll(await next(fake.posts[0].url), first.popup, first.page);

    // The same post again: both warnings, nothing sent until the second click.
    const second = await freshDraft(browser, 'history-2');
    outcome = await clickAndWait(second.popup, '#post-api');
    assert.match(outcome.text, new RegExp(`already sent this post to Medium on \\d{4}-\\d\\d-\\d\\d, via the API, now at ${fake.posts[0].url.replace(/[.?]/g, '\\$&')}`));
    assert.match(outcome.text, /sent 1 posts to Medium today and your daily limit is 1/);
    assert.match(outcome.text, /Click again to send anyway/);
    assert.equal(fake.posts.length, 1, 'a warning sends nothing');
    next = await browser.watchTabs();
    outcome = await clickAndWait(second.popup, '#post-api');
    assert.match(outcome.text, /Posted to Medium/);
    assert.equal(fake.posts.length, 2);
    await closeAll(await next(fake.posts[1].url), second.popup, second.page);

    // Another post (its own canonical URL), through the editor: only the daily warning.
    const third = await freshDraft(browser, 'history-3');
    await third.popup.fill('#canonical', `${browser.origin}/posts/another-post.html`);
    outcome = await clickAndWait(third.popup, '#open-editor');
    assert.doesNotMatch(outcome.text, /already sent/);
    assert.match(outcome.text, /sent 2 posts to Medium today and your daily limit is 1/);
    next = await browser.watchTabs();
    outcome = await clickAndWait(third.popup, '#open-editor');
    assert.match(outcome.text, /Opened Medium’s editor/);
    await closeAll(await next(`${fake.origin}/new-story`), third.popup, third.page);

    // Options lists the three, newest first: method, Medium URL or "opened in editor", source.
    const list = await waitFor(
      async () => {
        const now = await options.evaluate(readHistoryList);
        return now.entries.length === 3 ? now : null;
      },
      { what: 'the history list to show three sends' },
    );
    assert.match(list.today, /Today: 3 of your daily 1/);
    const [editorEntry, apiSecond, apiFirst] = list.entries;
    assert.match(editorEntry.text, /opened in Medium’s editor/i);
    assert.ok(editorEntry.text.includes(`${expected.path}?case=history-3`), 'the source is listed');
    assert.ok(editorEntry.links.every((href) => !href.startsWith(fake.origin)), 'no Medium link for an editor send');
    for (const [entry, post, key] of [[apiSecond, fake.posts[1], 'history-2'], [apiFirst, fake.posts[0], 'history-1']]) {
      assert.match(entry.text, /via the API/);
      assert.ok(entry.links.includes(post.url), `links the Medium post: ${JSON.stringify(entry)}`);
      assert.ok(entry.text.includes(`${expected.path}?case=${key}`), 'the source is listed');
    }
    await options.close();
  });
}
