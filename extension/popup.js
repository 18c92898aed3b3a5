// The review popup: picks the draft to show (a capture the context menu started, the unfinished
// draft of this page, or a fresh capture of the tab), lets the user edit it, autosaves every edit,
// and hands the draft to the background for delivery. All parsing and rendering is the wasm core's.

import * as store from './store.js';
import { api } from './store.js';
import { core, dayStartMs, finalDraft, loadCore } from './core.js';
import { CaptureError, readTab, storeDraftFrom } from './capture.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);

const MAX_TAGS = 5;
const SAVE_DELAY_MS = 400;
const PREVIEW_DELAY_MS = 120;

const CANONICAL_SOURCES = {
  'link-rel-canonical': "from the page's canonical link",
  'og-url': "from the page's og:url",
  'page-url': 'the page address (the page declares none)',
};

let record = null;
let options = null;
let saveTimer = null;
let previewTimer = null;
let dirty = false;
/** The draft and method whose warnings (sent before, daily limit, unreachable address) the user
 * has seen: clicking the same button again goes ahead. */
let warnedFor = null;

start();

// Phase times for the cold bench (bench/cold.mjs reads them): marks and measures named `stm:*`,
// here, in captureTab and in capture.js's storeDraftFrom. bench/anchor/popup.js records the same.
async function start() {
  performance.mark('stm:start');
  markDesktopPopup();
  wireEvents();
  const startedAt = performance.now();
  try {
    const pendingCapture = askForPendingCapture();
    const wasm = loadCore().then(() => performance.measure('stm:wasm', 'stm:start'));
    const [, loadedOptions] = await Promise.all([wasm, store.getOptions()]);
    options = loadedOptions;
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

function askForPendingCapture() {
  if (params.has('draft') || params.has('tab')) return Promise.resolve(null);
  return api.runtime.sendMessage({ type: 'pending-capture' }).catch(() => null);
}

/** Which draft to show, capturing the tab when there is no unfinished draft of it. */
async function chooseDraft(pending) {
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
  const tab = params.has('tab')
    ? await tabById(params.get('tab'))
    : (await api.tabs.query({ active: true, currentWindow: true }))[0];
  if (!tab) throw new CaptureError('no-tab', 'No tab to read. Open the blog post and try again.');
  if (store.isUnfinished(current) && tab.url && sameDocument(current.source_url, tab.url)) return current;
  return captureTab(tab.id, params.get('mode') ?? 'page');
}

/** The tab a `?tab=` address names, or null when it is gone or the id is not a tab id (Firefox
 * throws synchronously on a malformed id, so the check comes first). */
async function tabById(id) {
  const tabId = Number(id);
  if (!Number.isInteger(tabId) || tabId < 0) return null;
  return api.tabs.get(tabId).catch(() => null);
}

/** What the last capture read, kept so "Use only the selected text" needs no second read. */
let lastCaptured = null;

async function captureTab(tabId, mode) {
  setStatus('Reading the page…');
  const readFrom = performance.now();
  const captured = await readTab(tabId);
  performance.measure('stm:capture', { start: readFrom });
  lastCaptured = captured;
  setStatus('Building the draft…');
  return storeDraftFrom(core, captured, mode);
}

/** The toolbar read the whole page while text was selected (Android has no context menu):
 * rebuild from the selection alone, replacing the page draft just made. */
async function useSelection() {
  if (!lastCaptured?.selection_html) return;
  const replaced = record;
  try {
    const fresh = await storeDraftFrom(core, lastCaptured, 'selection');
    if (replaced && replaced.id !== fresh.id) await store.deleteDraft(replaced.id);
    lastCaptured = { ...lastCaptured, selection_html: null };
    await show(fresh);
  } catch (error) {
    actionResult(error?.message ?? String(error), { error: true });
  }
}

function offerSelection() {
  const offer = Boolean(lastCaptured?.selection_html);
  $('use-selection').hidden = !offer;
  $('problem-use-selection').hidden = !offer;
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

// --- showing a draft ---------------------------------------------------------------------------

async function show(shown) {
  record = shown;
  dirty = false;
  await store.setCurrentDraftId(record.id);
  const { built, edits } = record;
  $('problem').hidden = true;
  $('draft').hidden = false;
  $('actions').hidden = false;
  setStatus(statusLine(record));

  $('title').value = edits.title;
  $('subtitle').value = edits.subtitle;
  renderTags();
  $('canonical').value = edits.canonical_url;
  renderCanonicalSource();
  renderBacklinks(built.draft.backlinks, edits.backlinks_enabled);
  renderWarnings(built.draft.warnings);
  $('body').value = record.body_markdown;
  renderPreview();
  $('saved').textContent = '';
  renderRetry();
  offerSelection();
  await renderDraftSwitcher();
}

/** A failed draft offers Retry (by the way it failed), until it is sent. */
function renderRetry() {
  const retry = $('retry');
  retry.hidden = record?.status !== 'failed';
  retry.dataset.method = record?.error?.method ?? 'api';
}

function statusLine(shownRecord) {
  switch (shownRecord.status) {
    case 'failed':
      return `Sending failed: ${shownRecord.error?.message ?? 'unknown error'} Your edits are kept.`;
    case 'sent':
      return 'This draft was sent to Medium.';
    case 'sending':
      return 'This draft is being sent…';
    default:
      return '';
  }
}

function renderTags() {
  const list = $('tags');
  list.replaceChildren();
  for (const [index, tag] of record.edits.tags.entries()) {
    const item = document.createElement('li');
    const text = document.createElement('span');
    text.textContent = tag;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = '×';
    remove.setAttribute('aria-label', `Remove tag ${tag}`);
    remove.addEventListener('click', () => {
      record.edits.tags.splice(index, 1);
      renderTags();
      edited();
      $('tag-input').focus();
    });
    item.append(text, remove);
    list.append(item);
  }
  const count = record.edits.tags.length;
  $('tag-count').textContent = `${count}/${MAX_TAGS}`;
  const full = count >= MAX_TAGS;
  $('tag-input').disabled = full;
  $('add-tag').disabled = full;
  $('tag-input').placeholder = full ? 'Medium takes 5 tags at most' : 'Add a tag, press Enter';
}

function addTagsFromInput() {
  const input = $('tag-input');
  const words = input.value.split(',').map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
  for (const tag of words) {
    const tags = record.edits.tags;
    if (tags.length >= MAX_TAGS) break;
    if (!tags.some((t) => t.toLowerCase() === tag.toLowerCase())) tags.push(tag.slice(0, 25));
  }
  input.value = '';
  renderTags();
  edited();
}

function renderCanonicalSource() {
  const source = record.built.canonical_source;
  const original = record.built.draft.canonical_url ?? '';
  const label =
    record.edits.canonical_url.trim() !== original
      ? '(edited by you)'
      : source
        ? `(${CANONICAL_SOURCES[source] ?? source})`
        : '(none found: enter the post’s address)';
  $('canonical-source').textContent = label;
}

function renderBacklinks(backlinks, enabled) {
  const list = $('backlinks');
  list.replaceChildren();
  $('no-backlinks').hidden = backlinks.length > 0;
  for (const [index, link] of backlinks.entries()) {
    const item = document.createElement('li');
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = enabled[index] !== false;
    box.addEventListener('change', () => {
      record.edits.backlinks_enabled[index] = box.checked;
      edited();
    });
    const text = document.createElement('span');
    text.textContent = link.title || link.url;
    const url = document.createElement('small');
    url.textContent = link.url;
    text.append(url);
    label.append(box, text);
    item.append(label);
    list.append(item);
  }
}

function renderWarnings(warnings) {
  const list = $('warnings');
  list.replaceChildren();
  $('warnings-box').hidden = warnings.length === 0;
  $('warnings-summary').textContent =
    warnings.length === 1 ? '1 change made for Medium' : `${warnings.length} changes made for Medium`;
  for (const warning of warnings) {
    const item = document.createElement('li');
    item.textContent = warning.message;
    item.dataset.code = warning.code;
    list.append(item);
  }
}

/** The live preview: the core renders and sanitises; nothing from the page can run here. */
function renderPreview() {
  try {
    // DOMParser makes an inert document: nothing in it runs while we move its nodes over.
    const html = core.renderPreview($('body').value);
    const parsed = new DOMParser().parseFromString(html, 'text/html');
    $('preview').replaceChildren(...parsed.body.childNodes);
  } catch (error) {
    $('preview').textContent = String(error?.message ?? error);
  }
}

async function renderDraftSwitcher() {
  const drafts = await store.listUnfinishedDrafts();
  const select = $('drafts');
  select.replaceChildren();
  for (const draft of drafts) {
    const option = document.createElement('option');
    option.value = draft.id;
    option.textContent = draft.edits.title || draft.source_url;
    option.selected = draft.id === record?.id;
    select.append(option);
  }
  $('drafts-switch').hidden = drafts.length < 2;
}

// --- editing and autosave ------------------------------------------------------------------

function edited() {
  dirty = true;
  $('saved').textContent = 'Editing…';
  clearTimeout(saveTimer);
  saveTimer = setTimeout(save, SAVE_DELAY_MS);
}

async function save() {
  clearTimeout(saveTimer);
  if (!record || !dirty) return;
  dirty = false;
  // An edit after sending makes the draft unfinished again. One write of the record as held
  // here, issued synchronously, so a save started by `pagehide` completes after the popup closes.
  if (record.status === 'sent') record.status = 'editing';
  await store.saveDraft(record);
  $('saved').textContent = dirty ? 'Editing…' : 'Saved';
}

function wireEvents() {
  const bind = (id, key, after) =>
    $(id).addEventListener('input', () => {
      if (!record) return;
      record.edits[key] = $(id).value;
      after?.();
      edited();
    });
  bind('title', 'title');
  bind('subtitle', 'subtitle');
  bind('canonical', 'canonical_url', renderCanonicalSource);

  $('body').addEventListener('input', () => {
    if (!record) return;
    record.body_markdown = $('body').value;
    clearTimeout(previewTimer);
    previewTimer = setTimeout(renderPreview, PREVIEW_DELAY_MS);
    edited();
  });

  $('tag-input').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      addTagsFromInput();
    } else if (event.key === 'Backspace' && !$('tag-input').value && record?.edits.tags.length) {
      record.edits.tags.pop();
      renderTags();
      edited();
    }
  });
  $('add-tag').addEventListener('click', addTagsFromInput);
  $('draft').addEventListener('submit', (event) => event.preventDefault());

  // Links in the preview open in a tab instead of replacing the popup.
  $('preview').addEventListener('click', (event) => {
    const link = event.target.closest('a[href]');
    if (!link) return;
    event.preventDefault();
    if (/^https?:/i.test(link.href)) api.tabs.create({ url: link.href });
  });

  // Closing the popup must lose nothing: flush the pending save.
  window.addEventListener('pagehide', save);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') save();
  });

  $('open-options').addEventListener('click', () => api.runtime.openOptionsPage());
  $('drafts').addEventListener('change', async () => {
    await save();
    const chosen = await store.getDraft($('drafts').value);
    if (chosen) await show(chosen);
  });
  $('resume-draft').addEventListener('click', async () => {
    const chosen = await store.getDraft($('resume-draft').dataset.draftId);
    if (chosen) await show(chosen);
  });

  for (const id of ['open-editor', 'post-api', 'import', 'retry']) {
    $(id).addEventListener('click', () => deliver($(id).dataset.method));
  }
  $('copy-html').addEventListener('click', copyHtml);
  $('copy-markdown').addEventListener('click', copyMarkdown);
  $('download-md').addEventListener('click', downloadMarkdown);
  $('recapture').addEventListener('click', recapture);
  $('use-selection').addEventListener('click', useSelection);
  $('problem-use-selection').addEventListener('click', useSelection);
}

// --- actions -----------------------------------------------------------------------------------

function actionResult(message, { error = false, link = null } = {}) {
  const box = $('action-result');
  box.classList.toggle('error', error);
  box.textContent = message;
  if (link) {
    const anchor = document.createElement('a');
    anchor.href = link;
    anchor.textContent = 'Open it';
    anchor.target = '_blank';
    anchor.rel = 'noopener';
    box.append(' ', anchor);
  }
}

/** The draft with the user's edits applied, as it would go to Medium. */
function currentFinalDraft() {
  return finalDraft(record, store.coreOptions(options));
}

/** The core's warnings before sending (sent before, daily limit; for the import tool, an
 * address Medium cannot reach), or [] when none apply. They are shown here, before anything
 * opens: a tab opening closes the toolbar popup, and what it said after would go unread. */
async function warningsBeforeSending(method) {
  const limit = Number.parseInt(options.daily_limit, 10);
  const warnings = core.deliveryWarnings(
    await store.getHistory(),
    record.edits.canonical_url.trim(),
    dayStartMs(),
    Number.isFinite(limit) && limit > 0 ? limit : 0,
  );
  if (method === 'import') {
    try {
      warnings.push(...core.importHandoff(currentFinalDraft()).warnings);
    } catch {
      // No public address: the background says so when asked to import.
    }
  }
  return warnings;
}

/** Puts text (and, when given, rich HTML) on the clipboard; false when the browser refuses. */
async function toClipboard(text, html = null) {
  try {
    if (html && globalThis.ClipboardItem && navigator.clipboard.write) {
      await navigator.clipboard.write([
        new ClipboardItem({
          'text/html': new Blob([html], { type: 'text/html' }),
          'text/plain': new Blob([text], { type: 'text/plain' }),
        }),
      ]);
    } else {
      await navigator.clipboard.writeText(text);
    }
    return true;
  } catch {
    return false;
  }
}

async function deliver(method) {
  if (!record) return;
  await save();
  const warnings = await warningsBeforeSending(method);
  const attempt = `${record.id}:${method}`;
  if (warnings.length > 0 && warnedFor !== attempt) {
    warnedFor = attempt;
    const next = method === 'api' ? 'send anyway' : 'open Medium anyway';
    actionResult(`${warnings.map((w) => w.message).join(' ')} Click again to ${next}.`, { error: true });
    return;
  }
  warnedFor = null;
  // Clipboard writes need this click: the editor's fallback pastes the story (its body, as the
  // editor page would paste it: rich HTML and readable text), the import tool takes the
  // post's address.
  let clipboardReady = false;
  try {
    if (method === 'editor') {
      const story = core.editorHandoff(currentFinalDraft());
      clipboardReady = await toClipboard(story.body_text, story.body_html);
    } else if (method === 'import' && record.edits.canonical_url.trim()) {
      clipboardReady = await toClipboard(record.edits.canonical_url.trim());
    }
  } catch {
    clipboardReady = false; // the background reports what is wrong with the draft
  }
  const buttons = ['open-editor', 'post-api', 'import', 'retry'].map($);
  buttons.forEach((b) => (b.disabled = true));
  actionResult('Sending…');
  try {
    const result = await api.runtime.sendMessage({
      type: 'deliver',
      draftId: record.id,
      method,
      clipboard_ready: clipboardReady,
    });
    // The draft's new state first (status line, Retry), then what happened.
    const updated = await store.getDraft(record.id);
    if (updated) {
      record = updated;
      setStatus(statusLine(record));
      renderRetry();
    }
    if (result?.ok) {
      const notes = (result.warnings ?? []).map((w) => w.message).join(' ');
      const done = {
        editor: 'Opened Medium’s editor with your story.',
        import: 'Opened Medium’s import tool; the post’s address is on your clipboard to paste there.',
        api: 'Posted to Medium.',
      }[method];
      actionResult(`${done ?? 'Done.'} ${notes}`.trim(), { link: result.url ?? null });
    } else {
      actionResult(result?.error ?? 'Sending failed. Your draft is kept; try again.', { error: true });
    }
  } catch (error) {
    actionResult(`Sending failed (${String(error?.message ?? error)}). Your draft is kept; try again.`, { error: true });
  } finally {
    buttons.forEach((b) => (b.disabled = false));
  }
}

async function copyHtml() {
  let html;
  try {
    html = currentFinalDraft().content_html;
  } catch (error) {
    actionResult(error?.message ?? String(error), { error: true });
    return;
  }
  if (await toClipboard(html, html)) actionResult('HTML copied. Paste it into a new story in Medium’s editor.');
  else actionResult('The browser did not allow copying. Try Download .md instead.', { error: true });
}

async function copyMarkdown() {
  let markdown;
  try {
    markdown = currentFinalDraft().content_markdown;
  } catch (error) {
    actionResult(error?.message ?? String(error), { error: true });
    return;
  }
  if (await toClipboard(markdown)) actionResult('Markdown copied.');
  else actionResult('The browser did not allow copying. Try Download .md instead.', { error: true });
}

function downloadMarkdown() {
  try {
    const draft = currentFinalDraft();
    const blob = new Blob([draft.content_markdown], { type: 'text/markdown;charset=utf-8' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `${slug(draft.title ?? 'medium-draft')}.md`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    actionResult(`Saved ${link.download} to your downloads.`);
  } catch (error) {
    actionResult(`Could not save the file (${String(error?.message ?? error)}).`, { error: true });
  }
}

function slug(title) {
  return (
    title
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'medium-draft'
  );
}

async function recapture() {
  if (!record) return;
  const tabs = params.has('tab')
    ? [await tabById(params.get('tab'))]
    : await api.tabs.query({ active: true, currentWindow: true });
  const tab = tabs[0];
  if (!tab) {
    actionResult('No tab to read. Open the blog post and try again.', { error: true });
    return;
  }
  await save();
  try {
    const previous = record;
    const fresh = await captureTab(tab.id, 'page');
    // The old draft stays in the switcher, so nothing the user wrote is lost.
    await show(fresh);
    if (previous.id !== fresh.id) actionResult('Read the page again. Your earlier draft is still in the drafts list.');
  } catch (error) {
    actionResult(error?.message ?? String(error), { error: true });
    setStatus('');
  }
}

// --- problems ----------------------------------------------------------------------------------

function setStatus(text) {
  $('status').textContent = text;
}

async function showProblem(error) {
  setStatus('');
  $('problem').hidden = false;
  $('problem').dataset.code = error?.code ?? 'internal';
  $('problem-title').textContent =
    error?.code === 'unreadable-page' || error?.code === 'not-html'
      ? 'This page cannot be read'
      : 'No draft this time';
  $('problem-message').textContent =
    error instanceof CaptureError || error?.code
      ? error.message
      : `Something went wrong (${String(error?.message ?? error)}). Reload the page and try again.`;
  offerSelection();
  // Never a dead end: offer the last unfinished draft.
  const current = await store.getDraft(await store.getCurrentDraftId()).catch(() => null);
  if (store.isUnfinished(current)) {
    const resume = $('resume-draft');
    resume.hidden = false;
    resume.dataset.draftId = current.id;
    resume.textContent = `Continue your draft “${current.edits.title || current.source_url}”`;
  }
}
