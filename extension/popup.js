// The review popup: picks the draft to show (popup/choose.js), shows it (popup/view.js), lets the
// user edit it with every edit autosaved (popup/editing.js), and hands it to the background for
// delivery or copies it (popup/actions.js). All parsing and rendering is the wasm core's.

import { api } from './browser-api.js';
import * as store from './store.js';
import { loadCore } from './core.js';
import { wireActions } from './popup/actions.js';
import { askForPendingCapture, chooseDraft, useSelection } from './popup/choose.js';
import { save, wireEditing } from './popup/editing.js';
import { $, session } from './popup/session.js';
import { show, showProblem } from './popup/view.js';

start();

// Phase times for the cold bench (bench/cold.mjs reads them): marks and measures named `stm:*`,
// here, in captureTab and in capture.js's storeDraftFrom. bench/anchor/popup.js records the same.
async function start() {
  performance.mark('stm:start');
  markDesktopPopup();
  wireEditing();
  wireActions();
  wireNavigation();
  const startedAt = performance.now();
  try {
    const pendingCapture = askForPendingCapture();
    const wasm = loadCore().then(() => performance.measure('stm:wasm', 'stm:start'));
    const [, options] = await Promise.all([wasm, store.getOptions()]);
    session.options = options;
    const chosen = await chooseDraft(await pendingCapture);
    const renderFrom = performance.now();
    await show(chosen);
    performance.measure('stm:render', { start: renderFrom });
    performance.mark('stm:shown');
    requestAnimationFrame(() => setTimeout(() => performance.mark('stm:painted')));
    // Read by the browser tests as the click-to-draft time (informational).
    document.documentElement.dataset.draftMs = String(Math.round(performance.now() - startedAt));
  } catch (error) {
    await showProblem(error);
  }
}

/** A desktop popup is sized by its content: give it a width. Phones and tabs stay fluid. */
function markDesktopPopup() {
  let inPopup = false;
  try {
    inPopup = api.extension?.getViews?.({ type: 'popup' })?.includes(window) ?? false;
  } catch {
    inPopup = false;
  }
  if (inPopup && !/Android/i.test(navigator.userAgent)) {
    document.documentElement.classList.add('desktop-popup');
  }
}

/** Moving between drafts and pages: the switcher, the problem screen's way back, the selection
 * offer, Options, and links in the preview (they open in a tab instead of replacing the popup). */
function wireNavigation() {
  $('drafts').addEventListener('change', async () => {
    await save();
    const chosen = await store.getDraft($('drafts').value);
    if (chosen) await show(chosen);
  });
  $('resume-draft').addEventListener('click', async () => {
    const chosen = await store.getDraft($('resume-draft').dataset.draftId);
    if (chosen) await show(chosen);
  });
  $('use-selection').addEventListener('click', useSelection);
  $('problem-use-selection').addEventListener('click', useSelection);
  $('open-options').addEventListener('click', () => api.runtime.openOptionsPage());
  $('preview').addEventListener('click', (event) => {
    const link = event.target.closest('a[href]');
    if (!link) return;
    event.preventDefault();
    if (/^https?:/i.test(link.href)) api.tabs.create({ url: link.href });
  });
}
