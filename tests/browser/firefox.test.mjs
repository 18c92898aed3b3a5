// End to end in headless Firefox ESR (Debian's firefox-esr, selenium-webdriver + geckodriver):
// the test build is installed as a temporary add-on; extension pages are opened from the chrome
// context (navigating to moz-extension:// from content is refused). Includes the phone-sized check.
// Delivery to the fake Medium runs the shared scenarios of delivery-scenarios.mjs through the
// driver at the end of this file.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { Builder, By, Origin } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';

import { startFakeMedium } from '../fake-medium/server.mjs';
import { registerDeliveryTests } from './delivery-scenarios.mjs';
import {
  assertShowsTidePools,
  FIREFOX_BUILD,
  buildWithFakeMedium,
  HOSTILE_MARKER,
  SCREENSHOTS,
  dangerousNodesInPage,
  startServer,
  tidePools,
  waitFor,
} from './harness.mjs';
import { readPopupState } from './popup-state.mjs';

const ADDON_ID = 'send-to-medium@send-to-medium.invalid';
const UUID = '5e2d1c3a-8f4b-4d6e-9a7c-1b2c3d4e5f60';
const BASE = `moz-extension://${UUID}`;

let driver;
let server;
let origin;
let fake;

before(async () => {
  ({ server, origin } = await startServer());
  fake = await startFakeMedium();
  const options = new firefox.Options()
    .addArguments('-headless')
    .setBinary('/usr/bin/firefox-esr')
    .setPreference('extensions.webextensions.uuids', JSON.stringify({ [ADDON_ID]: UUID }));
  const service = new firefox.ServiceBuilder(process.env.GECKODRIVER ?? 'geckodriver').addArguments('--allow-system-access');
  driver = await new Builder().forBrowser('firefox').setFirefoxOptions(options).setFirefoxService(service).build();
  await driver.installAddon(buildWithFakeMedium(FIREFOX_BUILD, fake), true);
  await setUpDelivery();
});

after(async () => {
  await driver?.quit();
  server?.close();
  await fake?.close();
});

/** Runs `fn(...args)` in the current page and returns its (promised) result. */
async function run(fn, ...args) {
  // A script that throws (say, in a tab that is still about:blank, with no `browser` yet) must
  // fail the call, not hand back an error object that a waitFor would take for an answer.
  const result = await driver.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     Promise.resolve((${fn.toString()})(...Array.from(arguments).slice(0, -1)))
       .then(done, (e) => done({ __error: String(e && e.message || e) }));`,
    ...args,
  );
  if (result && typeof result === 'object' && '__error' in result) throw new Error(result.__error);
  return result;
}

/** Opens `url` in a new tab from the chrome context and switches to it. */
async function openTab(url) {
  const known = new Set(await driver.getAllWindowHandles());
  await driver.setContext('chrome');
  await driver.executeScript(
    `gBrowser.selectedTab = gBrowser.addTab(arguments[0], {
       triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });`,
    url,
  );
  await driver.setContext('content');
  const handle = await waitFor(async () => (await driver.getAllWindowHandles()).find((h) => !known.has(h)), {
    what: `a tab for ${url}`,
  });
  await driver.switchTo().window(handle);
  return handle;
}

async function closeTab(handle) {
  await driver.switchTo().window(handle);
  await driver.close();
  await driver.switchTo().window((await driver.getAllWindowHandles())[0]);
}

/** Opens a fixture page in a new tab; returns its handle and its extension tab id. */
async function openFixture(path) {
  const handle = await openTab(origin + path);
  // The new tab starts as about:blank: wait for the fixture itself to have loaded.
  await waitFor(
    async () =>
      (await driver.getCurrentUrl()).startsWith(origin) &&
      (await driver.executeScript('return document.readyState')) === 'complete',
    { what: `${path} to load` },
  );
  const url = await driver.getCurrentUrl();
  const helper = await openTab(`${BASE}/options.html`);
  const tabId = await waitFor(
    () =>
      run(async (wanted) => {
        const tabs = await browser.tabs.query({ url: 'http://127.0.0.1/*' });
        const ids = tabs.filter((t) => t.url === wanted).map((t) => t.id);
        return ids.length ? Math.max(...ids) : null;
      }, url),
    { what: `the tab id of ${url}` },
  );
  await closeTab(helper);
  return { handle, tabId };
}

async function openPopup(query) {
  const started = Date.now();
  const handle = await openTab(`${BASE}/popup.html?${query}`);
  const state = await waitFor(
    async () => {
      const now = await driver.executeScript(`return (${readPopupState.toString()})()`);
      return now.ready ? now : null;
    },
    { what: 'the popup to show a draft or a problem' },
  );
  return { handle, state, elapsed: Date.now() - started };
}

/** Fixes the current tab's viewport size in CSS px (null, null: back to the window's size). */
async function sizeContent(width, height) {
  await driver.setContext('chrome');
  await driver.executeScript(
    `const style = gBrowser.selectedBrowser.style;
     for (const side of ['Width', 'Height']) {
       const px = side === 'Width' ? arguments[0] : arguments[1];
       style['min' + side] = style['max' + side] = px === null ? '' : px + 'px';
     }`,
    width,
    height,
  );
  await driver.setContext('content');
}

const popupState = () => driver.executeScript(`return (${readPopupState.toString()})()`);

test('the popup shows the draft of a blog post', async () => {
  const expected = tidePools(origin);
  const page = await openFixture(expected.path);
  const { handle, state, elapsed } = await openPopup(`tab=${page.tabId}`);
  console.log(`firefox click-to-draft: ${elapsed} ms from opening the popup page (${state.draftMs} ms inside it)`);
  const stored = await run(async () => {
    const { current_draft_id: id } = await browser.storage.local.get('current_draft_id');
    return (await browser.storage.local.get(`draft:${id}`))[`draft:${id}`];
  });
  assertShowsTidePools(state, stored, expected);
  await closeTab(handle);
  await closeTab(page.handle);
});

test('editing the Markdown updates the preview and reopening keeps the edit', async () => {
  const page = await openFixture(tidePools(origin).path);
  const first = await openPopup(`tab=${page.tabId}`);
  const body = await driver.findElement(By.id('body'));
  await body.sendKeys('\n\nWritten in Firefox: **amber-kestrel**.');
  await waitFor(async () => (await popupState()).preview.includes('amber-kestrel'), { what: 'the preview to update' });
  assert.match((await popupState()).previewHtml, /<strong>amber-kestrel<\/strong>/);
  await waitFor(async () => (await popupState()).saved === 'Saved', { what: 'the autosave' });
  await closeTab(first.handle);

  const again = await openPopup(`tab=${page.tabId}`);
  assert.ok(again.state.body.includes('Written in Firefox: **amber-kestrel**.'), 'the edit is kept');
  assert.ok(again.state.preview.includes('amber-kestrel'));
  await closeTab(again.handle);
  await closeTab(page.handle);
});

test('a hostile page runs nothing in the popup', async () => {
  const page = await openFixture('/posts/hostile.html');
  const { handle, state } = await openPopup(`tab=${page.tabId}`);
  assert.equal(state.problem, null);
  assert.ok(state.preview.includes(HOSTILE_MARKER));
  await run(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 200))));
  assert.deepEqual(await driver.executeScript(`return (${dangerousNodesInPage.toString()})()`), []);
  assert.equal((await popupState()).documentTitle, 'Send to Medium');
  assert.equal(await run(async () => (await browser.storage.local.get('pwned')).pwned ?? null), null);
  await closeTab(handle);
  await closeTab(page.handle);
});

test('the popup fits a 360×640 phone screen with the primary action visible', async () => {
  const page = await openFixture(tidePools(origin).path);
  const { handle } = await openPopup(`tab=${page.tabId}`);
  // Firefox's window cannot be narrower than its toolbars (500 px): size the tab's browser
  // element instead, so the page gets a real 360×640 CSS px viewport at 1 device pixel per px.
  await driver.manage().window().setRect({ width: 800, height: 900 });
  await sizeContent(360, 640);
  const layout = await waitFor(
    async () => {
      const now = await driver.executeScript(`
        const action = document.getElementById('open-editor').getBoundingClientRect();
        const small = [...document.querySelectorAll('button, input, select, textarea')]
          .filter((el) => el.offsetParent !== null && el.id !== 'body')
          .filter((el) => !(el.type === 'checkbox'))
          .map((el) => ({ id: el.id || el.textContent.trim() || el.getAttribute('aria-label'), h: el.getBoundingClientRect().height }))
          .filter((c) => c.h < 36);
        return { width: innerWidth, height: innerHeight,
                 scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth,
                 action: { top: action.top, bottom: action.bottom, left: action.left, right: action.right },
                 small };`);
      return now.width === 360 && now.height === 640 ? now : null;
    },
    { what: 'a 360×640 viewport' },
  );
  mkdirSync(SCREENSHOTS, { recursive: true });
  writeFileSync(join(SCREENSHOTS, 'firefox-popup-360x640.png'), await driver.takeScreenshot(), 'base64');
  assert.ok(layout.scrollWidth <= layout.clientWidth, `no horizontal scroll (${layout.scrollWidth} > ${layout.clientWidth})`);
  assert.ok(layout.action.top >= 0 && layout.action.bottom <= 640, `Open in Medium is on screen: ${JSON.stringify(layout.action)}`);
  assert.ok(layout.action.left >= 0 && layout.action.right <= 360);
  assert.deepEqual(layout.small, [], 'every control is touch-sized');
  await sizeContent(null, null);
  await closeTab(handle);
  await closeTab(page.handle);
});

test('an unreadable page gets a clear message', async () => {
  const page = await openFixture('/posts/empty.html');
  const { handle, state } = await openPopup(`tab=${page.tabId}`);
  assert.equal(state.draftShown, false);
  assert.equal(state.problem.code, 'no-article');
  await closeTab(handle);
  await closeTab(page.handle);
});

// --- delivery to (fake) Medium: the shared scenarios, driven through selenium -----------------

/** Runs a script (an expression, maybe a promise) in the window `handle` and returns its value. */
async function evaluateIn(handle, expression) {
  await driver.switchTo().window(handle);
  const answer = await driver.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     Promise.resolve().then(() => ${expression})
       .then((value) => done({ value }), (e) => done({ error: String((e && e.message) || e) }));`,
  );
  if (answer?.error) throw new Error(answer.error);
  return answer?.value;
}

/** A tab as the shared scenarios drive it. */
function driven(handle) {
  const element = async (selector) => {
    await driver.switchTo().window(handle);
    return driver.findElement(By.css(selector));
  };
  return {
    evaluateSource: (expression) => evaluateIn(handle, expression),
    evaluate: (fn, ...args) => evaluateIn(handle, `(${fn})(...${JSON.stringify(args)})`),
    click: async (selector) => (await element(selector)).click(),
    fill: async (selector, text) => {
      const field = await element(selector);
      await field.clear();
      await field.sendKeys(text);
    },
    // WebDriver types at the end of a field it focuses.
    append: async (selector, text) => (await element(selector)).sendKeys(text),
    clickAt: async (x, y) => {
      await driver.switchTo().window(handle);
      await driver.actions().move({ x, y, origin: Origin.VIEWPORT }).click().perform();
    },
    close: () => closeTab(handle),
  };
}

let extensionPage;

/** Part of `before` (a second root hook would race the first): the scenarios' extension page. */
async function setUpDelivery() {
  extensionPage = driven(await openTab(`${BASE}/options.html`));
}

registerDeliveryTests(() => ({
  name: 'firefox',
  fake,
  origin,
  ext: extensionPage,
  async openFixture(path) {
    const { handle, tabId } = await openFixture(path);
    return { page: driven(handle), tabId };
  },
  async openPopup(query) {
    return driven((await openPopup(query)).handle);
  },
  async openOptions() {
    return driven(await openTab(`${BASE}/options.html`));
  },
  async watchTabs() {
    const known = new Set(await driver.getAllWindowHandles());
    return (prefix) =>
      waitFor(
        async () => {
          for (const handle of await driver.getAllWindowHandles()) {
            if (known.has(handle)) continue;
            await driver.switchTo().window(handle);
            // The address is set before the page has loaded: wait for both.
            const loaded = (await driver.executeScript('return document.readyState')) === 'complete';
            if (loaded && (await driver.getCurrentUrl()).startsWith(prefix)) return driven(handle);
          }
          return null;
        },
        { what: `a new tab at ${prefix}` },
      );
  },
  async readClipboard() {
    await driver.setContext('chrome');
    try {
      return await driver.executeScript(`
        const read = (flavor) => {
          const transferable = Cc['@mozilla.org/widget/transferable;1'].createInstance(Ci.nsITransferable);
          transferable.init(null);
          transferable.addDataFlavor(flavor);
          Services.clipboard.getData(transferable, Ci.nsIClipboard.kGlobalClipboard);
          const data = {};
          try {
            transferable.getTransferData(flavor, data);
          } catch {
            return null;
          }
          return data.value ? data.value.QueryInterface(Ci.nsISupportsString).data : null;
        };
        return { text: read('text/plain') ?? '', html: read('text/html') };`);
    } finally {
      await driver.setContext('content');
    }
  },
}));
