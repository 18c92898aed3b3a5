// Reading a page: the function injected into the tab, the pages browsers will not let us read,
// fetching a linked post, and turning what we read into a stored draft with the wasm core.
// The core (core.js's `core`) is handed in by the caller, so this module loads without the wasm:
// tests/browser/unreadable.test.mjs imports it in plain Node.

import { api } from './browser-api.js';
import { CaptureError } from './capture-error.js';
import { addDraft, coreOptions, getOptions, newDraftRecord } from './store.js';

/**
 * Injected into the tab by scripting.executeScript; must be self-contained (it is serialised).
 * Returns the DOM as the page's own scripts left it, its address and the selection's HTML.
 */
export function capturePage() {
  let selectionHtml = null;
  const selection = globalThis.getSelection?.();
  if (selection && selection.rangeCount > 0 && !selection.isCollapsed) {
    const holder = document.createElement('div');
    for (let i = 0; i < selection.rangeCount; i += 1) {
      holder.appendChild(selection.getRangeAt(i).cloneContents());
    }
    selectionHtml = holder.innerHTML.trim() || null;
  }
  return {
    html: document.documentElement ? document.documentElement.outerHTML : '',
    url: location.href,
    selection_html: selectionHtml,
    content_type: document.contentType,
  };
}

const STORE_HOSTS = [
  'chrome.google.com',
  'chromewebstore.google.com',
  'addons.mozilla.org',
  'microsoftedge.microsoft.com',
];

const TRY_INSTEAD = 'Open the blog post itself in a normal tab (an http:// or https:// address) and try again.';

/** Why the browser will not let an extension read `url`, or null when it should be readable. */
export function unreadableReason(url) {
  if (!url) return null;
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const scheme = parsed.protocol.replace(/:$/, '');
  if (scheme === 'view-source') {
    return `This is a page's source view; the browser does not let extensions read it. ${TRY_INSTEAD}`;
  }
  if (scheme === 'file') {
    return 'This is a file on your computer. Browsers only let extensions read local files when you allow it ' +
      "(Chrome: Manage extensions → Send to Medium → 'Allow access to file URLs'). " +
      'Or publish the post first and send it from its web address.';
  }
  if (!['http', 'https'].includes(scheme)) {
    return `This is a browser page (${scheme}:), which extensions are not allowed to read. ${TRY_INSTEAD}`;
  }
  if (STORE_HOSTS.includes(parsed.hostname)) {
    return `Browsers do not let extensions read the add-on store (${parsed.hostname}). ${TRY_INSTEAD}`;
  }
  if (/\.pdf$/i.test(parsed.pathname)) {
    return `This is a PDF, not a web page; there is no HTML article to send. ${TRY_INSTEAD}`;
  }
  return null;
}

/** Reads a tab through scripting.executeScript (needs activeTab or a host permission). */
export async function readTab(tabId) {
  let tab = null;
  try {
    tab = await api.tabs.get(tabId);
  } catch {
    throw new CaptureError('no-tab', 'That tab is gone. Open the blog post and try again.');
  }
  const blocked = unreadableReason(tab.url);
  if (blocked) throw new CaptureError('unreadable-page', blocked);
  let results;
  try {
    results = await api.scripting.executeScript({ target: { tabId }, func: capturePage });
  } catch (error) {
    throw new CaptureError(
      'unreadable-page',
      'The browser did not let the extension read this page ' +
        `(${String(error?.message ?? error)}). Browser pages, add-on stores, PDFs and local files ` +
        `cannot be read. ${TRY_INSTEAD} If it is a normal web page, reload it and click the button again.`,
    );
  }
  const captured = results?.[0]?.result;
  if (!captured || typeof captured.html !== 'string') {
    throw new CaptureError('unreadable-page', `The page returned nothing we could read. ${TRY_INSTEAD}`);
  }
  const blockedNow = unreadableReason(captured.url);
  if (blockedNow) throw new CaptureError('unreadable-page', blockedNow);
  if (captured.content_type && !/html|xml/i.test(captured.content_type)) {
    throw new CaptureError(
      'not-html',
      `This tab shows a ${captured.content_type} document, not a web page. ${TRY_INSTEAD}`,
    );
  }
  return captured;
}

/** The origin pattern a linked post needs as an optional host permission. */
export function originPattern(linkUrl) {
  const url = new URL(linkUrl);
  return `${url.protocol}//${url.hostname}/*`;
}

/** Fetches a linked post from the background (its origin's host permission must be granted). */
export async function fetchLinkedPage(linkUrl, decodeHtml) {
  let url;
  try {
    url = new URL(linkUrl);
  } catch {
    throw new CaptureError('bad-link', `'${linkUrl}' is not a web address we can fetch.`);
  }
  if (!['http:', 'https:'].includes(url.protocol)) {
    throw new CaptureError('bad-link', `'${linkUrl}' is not an http(s) link; right-click a link to a blog post.`);
  }
  const granted = await api.permissions.contains({ origins: [originPattern(linkUrl)] });
  if (!granted) {
    throw new CaptureError(
      'permission-denied',
      `To read the linked post the extension needs your permission to access ${url.hostname}. ` +
        "Use 'Send linked post to Medium' again and choose Allow, or open the post and use the toolbar button.",
    );
  }
  let response;
  try {
    response = await fetch(url.href, { credentials: 'include', redirect: 'follow' });
  } catch (error) {
    throw new CaptureError(
      'fetch-failed',
      `Could not download ${url.href} (${String(error?.message ?? error)}). Check your connection, or open the post and use the toolbar button.`,
    );
  }
  if (!response.ok) {
    throw new CaptureError(
      'fetch-failed',
      `${url.hostname} answered ${response.status} for the linked post. Open the post and use the toolbar button.`,
    );
  }
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType && !/html|xml/i.test(contentType)) {
    throw new CaptureError('not-html', `The link points to a ${contentType.split(';')[0]} file, not a web page.`);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  const charset = /charset=["']?([\w-]+)/i.exec(contentType)?.[1];
  let html = null;
  if (charset) {
    try {
      html = new TextDecoder(charset).decode(bytes);
    } catch {
      html = null;
    }
  }
  return { html: html ?? decodeHtml(bytes), url: response.url || url.href, selection_html: null };
}

/**
 * Builds a draft from a captured page with `core` (loaded by the caller) and stores it as the
 * current draft. Returns the stored draft record.
 */
export async function storeDraftFrom(core, captured, mode) {
  const options = coreOptions(await getOptions());
  const page = {
    html: captured.html,
    url: captured.url,
    selection_html: mode === 'selection' ? captured.selection_html : null,
  };
  if (mode === 'selection' && !page.selection_html) {
    throw new CaptureError(
      'no-selection',
      "Nothing is selected on the page. Select the part of the post to send, then use 'Send selection to Medium'.",
    );
  }
  // The stm:* measures are the cold bench's phases (see extension/popup.js).
  let from = performance.now();
  const built = core.buildDraft(page, options);
  performance.measure('stm:build', { start: from });
  from = performance.now();
  const bodyMarkdown = core.bodyMarkdown(built.draft.body_html);
  performance.measure('stm:markdown', { start: from });
  from = performance.now();
  const record = await addDraft(newDraftRecord(built, captured.url, bodyMarkdown));
  performance.measure('stm:store', { start: from });
  return record;
}
