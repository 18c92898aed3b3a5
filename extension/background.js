// The background: context-menu items, captures started there, and the messages extension pages
// and the editor content script send (named in messages.js).
// The Medium token is read here and by the delivery module only; no page or content script sees it.

import { api } from './browser-api.js';
import * as store from './store.js';
import { core, finalDraft, loadCore } from './core.js';
import { CaptureError } from './capture-error.js';
import { fetchLinkedPage, originPattern, readTab, storeDraftFrom } from './capture.js';
import { config } from './config.js';
import * as delivery from './deliver.js';
import './messages.js';

const { MESSAGE } = globalThis;

const MENU_MODES = {
  'send-page': 'page',
  'send-selection': 'selection',
  'send-link': 'link',
};

/** How long a popup opened by the context menu may take to come and collect its capture. */
const PENDING_CAPTURE_TTL_MS = 60_000;

// --- context menu (absent on Firefox for Android: feature-detect, never throw) --------------

async function createMenus() {
  const menus = api.contextMenus;
  if (!menus?.create) return;
  await menus.removeAll();
  menus.create({ id: 'send-page', title: 'Send to Medium', contexts: ['page'] });
  menus.create({ id: 'send-selection', title: 'Send selection to Medium', contexts: ['selection'] });
  menus.create({
    id: 'send-link',
    title: 'Send linked post to Medium (asks to read that site)',
    contexts: ['link'],
  });
}

api.runtime.onInstalled.addListener(() => createMenus());
api.runtime.onStartup?.addListener(() => createMenus());

api.contextMenus?.onClicked?.addListener((info, tab) => {
  const mode = MENU_MODES[info.menuItemId];
  if (!mode) return;
  // Both calls need the user's click, which Firefox only honours synchronously: make them now.
  const permission =
    mode === 'link' ? requestLinkPermission(info.linkUrl) : Promise.resolve(true);
  const popupOpened = mode === 'link' ? Promise.resolve(false) : openPopup();
  const result = permission.then((granted) =>
    granted
      ? capture({ tabId: tab?.id, mode, linkUrl: info.linkUrl })
      : failure(
          new CaptureError(
            'permission-denied',
            'Without permission to read that site the extension cannot fetch the linked post. ' +
              "Open the post and use the toolbar button instead (that needs no extra permission), or try again and choose Allow.",
          ),
        ),
  );
  pending = { result, startedAt: Date.now(), claimed: false };
  result.then(async () => {
    // The popup could not be opened for us (Firefox after a permission prompt, older Chrome):
    // show the result in a tab instead, so the click is never silently lost.
    const opened = mode === 'link' ? await openPopup() : await popupOpened;
    if (!opened && pending && !pending.claimed) {
      await api.tabs.create({ url: api.runtime.getURL('popup.html?pending=1') });
    }
  });
});

/** Asks for the linked post's origin; must be called while handling the click. */
function requestLinkPermission(linkUrl) {
  let origins;
  try {
    origins = [originPattern(linkUrl)];
  } catch {
    return Promise.resolve(true); // capture() explains that the link is not fetchable
  }
  return api.permissions.request({ origins }).catch(() => false);
}

async function openPopup() {
  try {
    if (!api.action?.openPopup) return false;
    await api.action.openPopup();
    return true;
  } catch {
    return false;
  }
}

// --- capture -----------------------------------------------------------------------------------

/** The last capture started from the context menu, until a popup collects it. */
let pending = null;

function failure(error) {
  const code = error instanceof CaptureError ? error.code : 'internal';
  const message =
    error instanceof CaptureError
      ? error.message
      : `Something went wrong while reading the page (${String(error?.message ?? error)}). Reload the page and try again.`;
  return { ok: false, error: { code, message } };
}

/** Reads a tab (or fetches a link), builds the draft and stores it as the current draft. */
async function capture({ tabId, mode = 'page', linkUrl }) {
  try {
    await loadCore();
    let captured;
    if (mode === 'link') {
      captured = await fetchLinkedPage(linkUrl, core.decodeHtml);
    } else {
      const id = tabId ?? (await api.tabs.query({ active: true, currentWindow: true }))[0]?.id;
      if (id === undefined) throw new CaptureError('no-tab', 'No tab to read. Open the blog post and try again.');
      captured = await readTab(id);
    }
    const record = await storeDraftFrom(core, captured, mode);
    return { ok: true, draftId: record.id, record };
  } catch (error) {
    return failure(error);
  }
}

// --- delivery (the delivery module does the talking to Medium) ----------------------------

function deliveryEnv(record, options) {
  return { record, options, api, store, config };
}

/**
 * Sends a stored draft: applies the user's edits with the core, hands the final draft to the
 * delivery module, and records the outcome on the draft (and in the history when it went out).
 * `clipboardReady`: the popup already put the story on the clipboard (the editor's fallback).
 */
async function deliver({ draftId, method, clipboard_ready: clipboardReady = false }) {
  const record = await store.getDraft(draftId);
  if (!record) {
    return { ok: false, error: 'That draft is no longer stored. Capture the post again.' };
  }
  const options = await store.getOptions();
  await store.updateDraft(draftId, { status: 'sending', error: null });
  let result;
  try {
    await loadCore();
    const draft = finalDraft(record, store.coreOptions(options));
    const env = { ...deliveryEnv(record, options), clipboard_ready: Boolean(clipboardReady) };
    result = await delivery.deliver(draft, method, env);
  } catch (error) {
    result = { ok: false, error: String(error?.message ?? error) };
  }
  if (result?.ok) {
    await store.updateDraft(draftId, { status: 'sent', error: null });
    await store.addHistory({
      id: draftId,
      title: record.edits.title,
      source_url: record.source_url,
      canonical_url: record.edits.canonical_url || null,
      medium_url: result.url ?? null,
      method,
      status: result.status ?? 'sent',
    });
    return result;
  }
  const message = result?.error ?? 'Sending failed for an unknown reason. Your draft is kept; try again.';
  const report = result?.report ?? {};
  await store.updateDraft(draftId, {
    status: 'failed',
    error: {
      message,
      method, // what Retry does again
      code: report.code ?? null,
      retryable: report.retryable ?? true,
      may_have_posted: report.may_have_posted ?? false,
      at: new Date().toISOString(),
    },
  });
  return { ...result, ok: false, error: message };
}

// --- messages ----------------------------------------------------------------------------------

function fromExtensionPage(sender) {
  return sender.id === api.runtime.id && (sender.url ?? '').startsWith(api.runtime.getURL(''));
}

async function handle(message, sender) {
  if (!fromExtensionPage(sender)) {
    // Content scripts (the delivery module's Medium editor helper) get their own handler.
    return delivery.onContentScriptMessage?.(message, sender, deliveryEnv(null, await store.getOptions()));
  }
  switch (message?.type) {
    case MESSAGE.capture:
      return capture(message);
    case MESSAGE.pendingCapture: {
      const waiting = pending;
      if (!waiting || waiting.claimed || Date.now() - waiting.startedAt > PENDING_CAPTURE_TTL_MS) {
        return { none: true };
      }
      waiting.claimed = true;
      return waiting.result;
    }
    case MESSAGE.deliver:
      return deliver(message);
    case MESSAGE.checkToken:
      return delivery.checkToken(message.token, deliveryEnv(null, await store.getOptions()));
    case MESSAGE.listPublications:
      return delivery.listPublications(deliveryEnv(null, await store.getOptions()));
    default:
      return undefined;
  }
}

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  handle(message, sender).then(
    (response) => sendResponse(response),
    (error) => sendResponse(failure(error)),
  );
  return true;
});
