// Showing a draft: fills the popup's fields from the record and renders what is derived from it
// (tags, canonical source, backlinks, warnings, preview, the draft switcher), the status line,
// the result of an action, and the problem screen. Reacting to edits is editing.js's job.

import * as store from '../store.js';
import { core } from '../core.js';
import { CaptureError } from '../capture-error.js';
import { $, session } from './session.js';

const CANONICAL_SOURCES = {
  'link-rel-canonical': "from the page's canonical link",
  'og-url': "from the page's og:url",
  'page-url': 'the page address (the page declares none)',
};

/** Shows `record` (it becomes the current draft): every field, then the switcher. */
export async function show(record) {
  session.record = record;
  session.unsaved = false;
  await store.setCurrentDraftId(record.id);
  const { built, edits } = record;
  $('problem').hidden = true;
  $('draft').hidden = false;
  $('actions').hidden = false;
  renderDeliveryState();

  $('title').value = edits.title;
  $('subtitle').value = edits.subtitle;
  renderLengths();
  renderTags();
  renderLeftOutTags(null);
  $('canonical').value = edits.canonical_url;
  renderCanonicalSource();
  renderBacklinks(built.draft.backlinks, edits.backlinks_enabled);
  renderWarnings(built.draft.warnings);
  $('body').value = record.body_markdown;
  renderPreview();
  $('saved').textContent = '';
  offerSelection();
  await renderDraftSwitcher();
}

export function setStatus(text) {
  $('status').textContent = text;
}

/** The status line and Retry for the draft's delivery state: a failed draft offers Retry (by the
 * way it failed), until it is sent. */
export function renderDeliveryState() {
  const { record } = session;
  setStatus(statusLine(record));
  const retry = $('retry');
  retry.hidden = record?.status !== 'failed';
  retry.dataset.method = record?.error?.method ?? 'api';
}

function statusLine(record) {
  switch (record?.status) {
    case 'failed':
      return `Sending failed: ${record.error?.message ?? 'unknown error'} Your edits are kept.`;
    case 'sent':
      return 'This draft was sent to Medium.';
    case 'sending':
      return 'This draft is being sent…';
    default:
      return '';
  }
}

/** The tag chips; each remove button carries its tag's index (editing.js handles the click). */
export function renderTags() {
  const list = $('tags');
  list.replaceChildren();
  for (const [index, tag] of session.record.edits.tags.entries()) {
    const item = document.createElement('li');
    const text = document.createElement('span');
    text.textContent = tag;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = '×';
    remove.dataset.index = String(index);
    remove.setAttribute('aria-label', `Remove tag ${tag}`);
    item.append(text, remove);
    list.append(item);
  }
  const { max_tags: max } = core.limits();
  const count = session.record.edits.tags.length;
  $('tag-count').textContent = `${count}/${max}`;
  const full = count >= max;
  $('tag-input').disabled = full;
  $('add-tag').disabled = full;
  $('tag-input').placeholder = full ? `Medium takes ${max} tags at most` : 'Add a tag, press Enter';
}

/** Which of the tags just typed were not added, and why (`fitted`: the core's fitTags answer;
 * null hides the note). */
export function renderLeftOutTags(fitted) {
  const { max_tags: maxTags, max_tag_chars: maxChars } = core.limits();
  const reasons = [
    ...(fitted?.too_long ?? []).map((tag) => `“${tag}” (over ${maxChars} characters, which Medium ignores: shorten it)`),
    ...(fitted?.over_limit ?? []).map((tag) => `“${tag}” (Medium takes ${maxTags} tags at most: remove one first)`),
  ];
  $('tags-left-out').hidden = reasons.length === 0;
  $('tags-left-out').textContent = reasons.length ? `Not added: ${reasons.join(', ')}.` : '';
}

/** Title and subtitle length against Medium's limits (in characters, as the core counts). */
export function renderLengths() {
  const { max_title_chars: maxTitle, max_subtitle_chars: maxSubtitle } = core.limits();
  renderLength('title-length', session.record.edits.title, maxTitle);
  renderLength('subtitle-length', session.record.edits.subtitle, maxSubtitle);
}

function renderLength(id, text, max) {
  const length = [...text.trim()].length;
  $(id).textContent = `${length}/${max}`;
  $(id).classList.toggle('over', length > max);
}

export function renderCanonicalSource() {
  const { built, edits } = session.record;
  const source = built.canonical_source;
  const original = built.draft.canonical_url ?? '';
  const label =
    edits.canonical_url.trim() !== original
      ? '(edited by you)'
      : source
        ? `(${CANONICAL_SOURCES[source] ?? source})`
        : '(none found: enter the post’s address)';
  $('canonical-source').textContent = label;
}

/** One checkbox per backlink, carrying its index (editing.js handles the change). */
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
    box.dataset.index = String(index);
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
export function renderPreview() {
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
    option.selected = draft.id === session.record?.id;
    select.append(option);
  }
  $('drafts-switch').hidden = drafts.length < 2;
}

/** "Use only the selected text", when the last capture read a selection. */
export function offerSelection() {
  const offer = Boolean(session.lastCaptured?.selection_html);
  $('use-selection').hidden = !offer;
  $('problem-use-selection').hidden = !offer;
}

/** What an action did (or why it did not), with a link to the result when there is one. */
export function actionResult(message, { error = false, link = null } = {}) {
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

/** No draft to show: what happened and what to do, and never a dead end (the last unfinished
 * draft is offered). */
export async function showProblem(error) {
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
  const current = await store.getDraft(await store.getCurrentDraftId()).catch(() => null);
  if (store.isUnfinished(current)) {
    const resume = $('resume-draft');
    resume.hidden = false;
    resume.dataset.draftId = current.id;
    resume.textContent = `Continue your draft “${current.edits.title || current.source_url}”`;
  }
}
