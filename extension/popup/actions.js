// The popup's actions on the draft as it would go to Medium: send it (editor, import, API, Retry)
// through the background after the core's warnings, copy it as HTML or Markdown, download it as
// .md, or read the page again.

import { api } from '../browser-api.js';
import * as store from '../store.js';
import { core, dayStartMs, finalDraft } from '../core.js';
import '../messages.js';
import { captureTab, tabToRead } from './choose.js';
import { save } from './editing.js';
import { $, session } from './session.js';
import { actionResult, renderDeliveryState, setStatus, show } from './view.js';

const { MESSAGE } = globalThis;

const SEND_BUTTONS = ['open-editor', 'post-api', 'import', 'retry'];

/** The draft and method whose warnings (sent before, daily limit, unreachable address) the user
 * has seen: clicking the same button again goes ahead. */
let warnedFor = null;

export function wireActions() {
  for (const id of SEND_BUTTONS) {
    $(id).addEventListener('click', () => deliver($(id).dataset.method));
  }
  $('copy-html').addEventListener('click', copyHtml);
  $('copy-markdown').addEventListener('click', copyMarkdown);
  $('download-md').addEventListener('click', downloadMarkdown);
  $('recapture').addEventListener('click', recapture);
}

/** The draft with the user's edits applied, as it would go to Medium. */
function currentFinalDraft() {
  return finalDraft(session.record, store.coreOptions(session.options));
}

/** The core's warnings before sending (sent before, daily limit; for the import tool, an
 * address Medium cannot reach), or [] when none apply. They are shown here, before anything
 * opens: a tab opening closes the toolbar popup, and what it said after would go unread. */
async function warningsBeforeSending(method) {
  const limit = Number.parseInt(session.options.daily_limit, 10);
  const warnings = core.deliveryWarnings(
    await store.getHistory(),
    session.record.edits.canonical_url.trim(),
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
  if (!session.record) return;
  await save();
  const warnings = await warningsBeforeSending(method);
  const attempt = `${session.record.id}:${method}`;
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
    } else if (method === 'import' && session.record.edits.canonical_url.trim()) {
      clipboardReady = await toClipboard(session.record.edits.canonical_url.trim());
    }
  } catch {
    clipboardReady = false; // the background reports what is wrong with the draft
  }
  const buttons = SEND_BUTTONS.map($);
  buttons.forEach((b) => (b.disabled = true));
  actionResult('Sending…');
  try {
    const result = await api.runtime.sendMessage({
      type: MESSAGE.deliver,
      draftId: session.record.id,
      method,
      clipboard_ready: clipboardReady,
    });
    // The draft's new state first (status line, Retry), then what happened.
    const updated = await store.getDraft(session.record.id);
    if (updated) {
      session.record = updated;
      renderDeliveryState();
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

/** Reads the tab again into a new draft; the old one stays in the switcher. */
async function recapture() {
  if (!session.record) return;
  const tab = await tabToRead();
  if (!tab) {
    actionResult('No tab to read. Open the blog post and try again.', { error: true });
    return;
  }
  await save();
  try {
    const previous = session.record;
    const fresh = await captureTab(tab.id, 'page');
    // The old draft stays in the switcher, so nothing the user wrote is lost.
    await show(fresh);
    if (previous.id !== fresh.id) actionResult('Read the page again. Your earlier draft is still in the drafts list.');
  } catch (error) {
    actionResult(error?.message ?? String(error), { error: true });
    setStatus('');
  }
}
