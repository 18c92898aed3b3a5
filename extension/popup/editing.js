// Editing a draft: every field's input goes into the record's edits (tags as chips, backlinks as
// checkboxes, the body as Markdown with a live preview), and each edit is saved shortly after,
// and again when the popup closes, so closing it loses nothing.

import * as store from '../store.js';
import { core } from '../core.js';
import { $, session } from './session.js';
import { renderCanonicalSource, renderLeftOutTags, renderLengths, renderPreview, renderTags } from './view.js';

const SAVE_DELAY_MS = 400;
const PREVIEW_DELAY_MS = 120;

let saveTimer = null;
let previewTimer = null;

function edited() {
  session.unsaved = true;
  $('saved').textContent = 'Editing…';
  clearTimeout(saveTimer);
  saveTimer = setTimeout(save, SAVE_DELAY_MS);
}

/** Writes the draft's pending edits, if any. */
export async function save() {
  clearTimeout(saveTimer);
  const { record } = session;
  if (!record || !session.unsaved) return;
  session.unsaved = false;
  // An edit after sending makes the draft unfinished again. One write of the record as held
  // here, issued synchronously, so a save started by `pagehide` completes after the popup closes.
  if (record.status === 'sent') record.status = 'editing';
  await store.saveDraft(record);
  $('saved').textContent = session.unsaved ? 'Editing…' : 'Saved';
}

/** Adds the comma-separated tags typed, as the core fits them (cleaned, no repeats, never cut);
 * the ones left out stay in the input, with the reason shown. */
function addTagsFromInput() {
  const input = $('tag-input');
  const typed = input.value.split(',');
  const fitted = core.fitTags([...session.record.edits.tags, ...typed]);
  session.record.edits.tags = fitted.kept;
  input.value = [...fitted.too_long, ...fitted.over_limit].join(', ');
  renderTags();
  renderLeftOutTags(fitted);
  edited();
}

function removeTag(index) {
  session.record.edits.tags.splice(index, 1);
  renderTags();
  renderLeftOutTags(null);
  edited();
}

/** Listens to every editable field of the draft form. */
export function wireEditing() {
  const bind = (id, key, after) =>
    $(id).addEventListener('input', () => {
      if (!session.record) return;
      session.record.edits[key] = $(id).value;
      after?.();
      edited();
    });
  bind('title', 'title', renderLengths);
  bind('subtitle', 'subtitle', renderLengths);
  bind('canonical', 'canonical_url', renderCanonicalSource);

  $('body').addEventListener('input', () => {
    if (!session.record) return;
    session.record.body_markdown = $('body').value;
    clearTimeout(previewTimer);
    previewTimer = setTimeout(renderPreview, PREVIEW_DELAY_MS);
    edited();
  });

  $('tag-input').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      addTagsFromInput();
    } else if (event.key === 'Backspace' && !$('tag-input').value && session.record?.edits.tags.length) {
      removeTag(session.record.edits.tags.length - 1);
    }
  });
  $('add-tag').addEventListener('click', addTagsFromInput);
  $('tags').addEventListener('click', (event) => {
    const remove = event.target.closest('button[data-index]');
    if (!remove || !session.record) return;
    removeTag(Number(remove.dataset.index));
    $('tag-input').focus();
  });
  $('backlinks').addEventListener('change', (event) => {
    const box = event.target.closest('input[data-index]');
    if (!box || !session.record) return;
    session.record.edits.backlinks_enabled[Number(box.dataset.index)] = box.checked;
    edited();
  });
  $('draft').addEventListener('submit', (event) => event.preventDefault());

  // Closing the popup must lose nothing: flush the pending save.
  window.addEventListener('pagehide', save);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') save();
  });
}
