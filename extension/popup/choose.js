// Which draft the popup opens on: the one its address names, a capture the context menu started,
// the unfinished draft of this tab's page, or a fresh capture of the tab (or of its selection).

import { api } from '../browser-api.js';
import * as store from '../store.js';
import { core } from '../core.js';
import { CaptureError } from '../capture-error.js';
import { readTab, storeDraftFrom } from '../capture.js';
import '../messages.js';
import { params, session } from './session.js';
import { actionResult, setStatus, show } from './view.js';

const { MESSAGE } = globalThis;

/** The capture the context menu started for this popup, asked for at once (null without one). */
export function askForPendingCapture() {
  if (params.has('draft') || params.has('tab')) return Promise.resolve(null);
  return api.runtime.sendMessage({ type: MESSAGE.pendingCapture }).catch(() => null);
}

/** Which draft to show, capturing the tab when there is no unfinished draft of it. */
export async function chooseDraft(pending) {
  if (params.has('draft')) {
    const stored = await store.getDraft(params.get('draft'));
    if (!stored) throw new CaptureError('no-draft', 'That draft is no longer stored. Open the post and capture it again.');
    return stored;
  }
  if (pending && !pending.none) {
    if (!pending.ok) throw new CaptureError(pending.error.code, pending.error.message);
    return (await store.getDraft(pending.draftId)) ?? pending.record;
  }
  const current = await store.getDraft(await store.getCurrentDraftId());
  if (params.has('pending')) {
    if (current) return current;
    throw new CaptureError('no-draft', 'The capture did not finish. Open the post and click the toolbar button.');
  }
  const tab = await tabToRead();
  if (!tab) throw new CaptureError('no-tab', 'No tab to read. Open the blog post and try again.');
  if (store.isUnfinished(current) && tab.url && sameDocument(current.source_url, tab.url)) return current;
  return captureTab(tab.id, params.get('mode') ?? 'page');
}

/** The tab the popup reads: the one `?tab=` names, else the active tab; null when there is none. */
export async function tabToRead() {
  if (params.has('tab')) return tabById(params.get('tab'));
  return (await api.tabs.query({ active: true, currentWindow: true }))[0] ?? null;
}

/** The tab a `?tab=` address names, or null when it is gone or the id is not a tab id (Firefox
 * throws synchronously on a malformed id, so the check comes first). */
async function tabById(id) {
  const tabId = Number(id);
  if (!Number.isInteger(tabId) || tabId < 0) return null;
  return api.tabs.get(tabId).catch(() => null);
}

/** Reads the tab and stores its draft (the wasm core is loaded by then). */
export async function captureTab(tabId, mode) {
  setStatus('Reading the page…');
  const readFrom = performance.now();
  const captured = await readTab(tabId);
  performance.measure('stm:capture', { start: readFrom });
  session.lastCaptured = captured;
  setStatus('Building the draft…');
  return storeDraftFrom(core, captured, mode);
}

/** The toolbar read the whole page while text was selected (Android has no context menu):
 * rebuild from the selection alone, replacing the page draft just made. */
export async function useSelection() {
  if (!session.lastCaptured?.selection_html) return;
  const replaced = session.record;
  try {
    const fresh = await storeDraftFrom(core, session.lastCaptured, 'selection');
    if (replaced && replaced.id !== fresh.id) await store.deleteDraft(replaced.id);
    session.lastCaptured = { ...session.lastCaptured, selection_html: null };
    await show(fresh);
  } catch (error) {
    actionResult(error?.message ?? String(error), { error: true });
  }
}

function sameDocument(a, b) {
  try {
    const left = new URL(a);
    const right = new URL(b);
    left.hash = '';
    right.hash = '';
    return left.href === right.href;
  } catch {
    return false;
  }
}
