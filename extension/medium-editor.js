// Content script for Medium's new-story page only. It asks the background for the draft of the
// tab it opened (it never receives the token), pastes the title and the body into Medium's
// editor the way a user's paste arrives (a paste event carrying text/html and text/plain, which
// Medium converts with its own rules), checks the text arrived, and otherwise puts the draft on
// the clipboard with a "press Ctrl/⌘+V" hint. Then it shows a checklist of what a paste cannot
// set: the canonical link, the tags, the subtitle. A classic script: content scripts are not
// modules, so the manifest loads messages.js (the message names, as the global MESSAGE) first.
//
// Medium's editor structure (checked against public scripts that drive the real page, 2025):
// one contenteditable `.postArticle-content`; in `section.section--first .section-inner`, the
// title `h3[data-testid="editorTitleParagraph"]` (class `graf--title`) and the body paragraphs
// `p[data-testid="editorParagraphText"]`, the last one `graf--trailing`. Older pages lack the
// data-testid attributes, hence the class fallbacks.

(() => {
  'use strict';
  if (globalThis.__sendToMediumEditor) return;
  globalThis.__sendToMediumEditor = true;
  const ext = globalThis.browser ?? globalThis.chrome;
  const { MESSAGE } = globalThis;

  const SELECTORS = {
    root: [
      '.postArticle-content[contenteditable="true"]',
      '[data-testid="richTextEditor"] [contenteditable="true"]',
      '[contenteditable="true"][role="textbox"]',
      'main [contenteditable="true"]',
    ],
    title: ['[data-testid="editorTitleParagraph"]', 'h3.graf--title', '.graf--title', 'h1'],
    body: ['[data-testid="editorParagraphText"]', 'p.graf--trailing', 'p.graf--p', 'p'],
  };
  const POLL_MS = 200;
  const CONFIRM_MS = 2000;
  const PASTE_KEYS = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent) ? '⌘+V' : 'Ctrl+V';
  const HINT = `Press ${PASTE_KEYS} in the story (long-press → Paste on Android)`;

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  /** Letters and digits only: Medium may change quotes, spaces and dashes as it pastes. */
  const comparable = (text) => String(text ?? '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

  function first(selectors, within = document) {
    for (const selector of selectors) {
      const found = within.querySelector(selector);
      if (found) return found;
    }
    return null;
  }

  /** The editor's root, title and first body paragraph, once the page shows them. */
  async function waitForEditor(waitMs) {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const root = first(SELECTORS.root);
      const title = root && first(SELECTORS.title, root);
      if (root && title) return { root, title };
      if (Date.now() >= deadline) return null;
      await sleep(POLL_MS);
    }
  }

  function bodyBlockAfter(root, title) {
    const candidates = [...root.querySelectorAll(SELECTORS.body.join(','))];
    return candidates.find((p) => title.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_FOLLOWING) ?? null;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  }

  /** Puts the caret in `block` (its whole content selected) and pastes there like a user would. */
  function pasteInto(root, block, html, text) {
    const range = document.createRange();
    range.selectNodeContents(block);
    const selection = getSelection();
    root.focus();
    selection.removeAllRanges();
    selection.addRange(range);
    const data = new DataTransfer();
    data.setData('text/html', html);
    data.setData('text/plain', text);
    // Firefox ignores `clipboardData` here and builds the event's own from its older `dataType`
    // and `data` fields (one flavour), so without them Medium's handler reads an empty paste;
    // the plain-text flavour is then added to that one. Chromium takes `clipboardData`.
    const init = { clipboardData: data, dataType: 'text/html', data: html, bubbles: true, cancelable: true, composed: true };
    const event = new ClipboardEvent('paste', init);
    const carried = event.clipboardData;
    if (carried && !carried.types.includes('text/plain')) carried.setData('text/plain', text);
    block.dispatchEvent(event);
  }

  async function appears(check) {
    const deadline = Date.now() + CONFIRM_MS;
    for (;;) {
      if (check()) return true;
      if (Date.now() >= deadline) return false;
      await sleep(100);
    }
  }

  /** Pastes the title then the body; says which arrived. */
  async function insert(editor, draft) {
    const { root, title } = editor;
    const wantTitle = comparable(draft.title);
    let titleDone = !wantTitle;
    if (wantTitle) {
      pasteInto(root, title, escapeHtml(draft.title), draft.title);
      titleDone = await appears(() => comparable(first(SELECTORS.title, root)?.textContent).includes(wantTitle));
    }
    const probe = comparable(draft.probe_text).slice(0, 40);
    const block = bodyBlockAfter(root, first(SELECTORS.title, root) ?? title);
    let bodyDone = false;
    if (block && probe) {
      pasteInto(root, block, draft.body_html, draft.body_text);
      bodyDone = await appears(() => comparable(root.textContent).includes(probe));
    }
    return { titleDone, bodyDone };
  }

  /** The draft's body on the clipboard as rich HTML and plain text. */
  async function copyBody(draft) {
    try {
      await navigator.clipboard.write([
        new ClipboardItem({
          'text/html': new Blob([draft.body_html], { type: 'text/html' }),
          'text/plain': new Blob([draft.body_text], { type: 'text/plain' }),
        }),
      ]);
      return true;
    } catch {
      // No async clipboard (or not allowed without a click): the copy-event route.
    }
    let copied = false;
    const onCopy = (event) => {
      event.clipboardData.setData('text/html', draft.body_html);
      event.clipboardData.setData('text/plain', draft.body_text);
      event.preventDefault();
      copied = true;
    };
    document.addEventListener('copy', onCopy, { capture: true, once: true });
    try {
      document.execCommand('copy');
    } catch {
      // refused: the panel offers a button (a click makes copying allowed)
    }
    document.removeEventListener('copy', onCopy, { capture: true });
    return copied;
  }

  async function copyText(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  }

  // --- the panel: hint + checklist, in a closed shadow root so the page can neither style nor
  // read it. Its state is mirrored on the host element's data-* attributes for tests.

  const STYLE = `
    :host { all: initial; }
    .panel { position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; box-sizing: border-box;
      width: min(380px, calc(100vw - 32px)); max-height: calc(100vh - 32px); overflow: auto;
      background: #fff; color: #242424; border: 1px solid #d8d8d8; border-radius: 10px;
      box-shadow: 0 6px 24px rgba(0,0,0,.18); font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', sans-serif; padding: 14px 16px; }
    h2 { font-size: 15px; margin: 0 28px 8px 0; }
    .hint { background: #fff7d6; border: 1px solid #f0d56b; border-radius: 8px; padding: 10px; margin: 0 0 10px; font-weight: 600; }
    .ok { color: #1a7f37; margin: 0 0 10px; }
    ol { margin: 0; padding-left: 20px; }
    li { margin: 0 0 10px; }
    .value { display: block; margin: 4px 0; padding: 4px 6px; background: #f4f4f4; border-radius: 6px;
      word-break: break-all; font-family: ui-monospace, monospace; font-size: 12px; }
    button { font: inherit; cursor: pointer; border: 1px solid #1a8917; background: #1a8917; color: #fff;
      border-radius: 999px; padding: 4px 12px; min-height: 32px; }
    button.secondary { background: #fff; color: #1a8917; }
    .close { position: absolute; top: 8px; right: 8px; border: none; background: transparent; color: #6b6b6b;
      font-size: 20px; line-height: 1; padding: 4px 8px; min-height: 0; }
    .small { color: #6b6b6b; font-size: 12px; }
  `;

  function element(tag, props = {}, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === 'className') el.className = value;
      else if (key === 'onclick') el.addEventListener('click', value);
      else el.setAttribute(key, value);
    }
    for (const child of children) if (child !== null && child !== undefined) el.append(child);
    return el;
  }

  function copyButton(label, text) {
    const button = element('button', { type: 'button', className: 'secondary' }, label);
    button.addEventListener('click', async () => {
      button.textContent = (await copyText(text)) ? 'Copied' : 'Select and copy it';
    });
    return button;
  }

  function showPanel(draft, outcome) {
    const host = document.createElement('send-to-medium-panel');
    const shadow = host.attachShadow({ mode: 'closed' });
    shadow.append(element('style', {}, STYLE));
    const panel = element('section', { className: 'panel', role: 'dialog', 'aria-label': 'Send to Medium: finish your story' });
    const close = element('button', { type: 'button', className: 'close', 'aria-label': 'Close' }, '×');
    close.addEventListener('click', () => host.remove());
    panel.append(close, element('h2', {}, 'Send to Medium'));

    let hint = '';
    if (outcome.state === 'inserted') {
      panel.append(element('p', { className: 'ok' }, 'Title and story pasted into the editor.'));
    } else {
      hint = outcome.copied
        ? `Your story is on the clipboard. Click in the story body, then: ${HINT}.`
        : `Click “Copy the story”, click in the story body, then: ${HINT}.`;
      panel.append(element('p', { className: 'hint', role: 'status' }, hint));
      const again = element('button', { type: 'button' }, outcome.copied ? 'Copy the story again' : 'Copy the story');
      again.addEventListener('click', async () => {
        again.textContent = (await copyBody(draft)) ? 'Copied — now paste it' : 'Copy refused by the browser';
      });
      panel.append(element('p', {}, again));
    }

    const steps = element('ol');
    if (!outcome.titleDone && draft.title) {
      steps.append(element('li', {}, 'Title: ', element('span', { className: 'value' }, draft.title), copyButton('Copy title', draft.title)));
    }
    if (draft.canonical_url) {
      steps.append(
        element(
          'li',
          {},
          'Canonical link (a paste cannot set it): Story settings → Advanced settings → “This story was originally published elsewhere”, then paste:',
          element('span', { className: 'value' }, draft.canonical_url),
          copyButton('Copy URL', draft.canonical_url),
        ),
      );
    }
    if (draft.tags?.length) {
      steps.append(
        element('li', {}, `Tags (up to 5, when you publish):`, element('span', { className: 'value' }, draft.tags.join(', ')), copyButton('Copy tags', draft.tags.join(', '))),
      );
    }
    if (draft.subtitle) {
      steps.append(
        element('li', {}, 'Subtitle (the story preview, when you publish):', element('span', { className: 'value' }, draft.subtitle), copyButton('Copy subtitle', draft.subtitle)),
      );
    }
    if (draft.image_urls?.length) {
      const count = draft.image_urls.length;
      steps.append(
        element('li', {}, `Images (${count}): if Medium left ${count === 1 ? 'it' : 'any'} out, drag ${count === 1 ? 'it' : 'them'} in from your post, or copy the address:`,
          ...draft.image_urls.slice(0, 10).map((url) => element('span', { className: 'value' }, url))),
      );
    }
    panel.append(steps);
    panel.append(element('p', { className: 'small' }, 'If Medium does not show “Saved” after the paste, type any key in the story so it starts saving.'));
    shadow.append(panel);

    host.dataset.state = outcome.state;
    host.dataset.hint = hint;
    host.dataset.checklist = [...steps.children].length.toString();
    document.addEventListener('keydown', (event) => event.key === 'Escape' && host.remove(), { once: true });
    (document.body ?? document.documentElement).append(host);
  }

  async function run() {
    const handoff = await ext.runtime.sendMessage({ type: MESSAGE.editorReady }).catch(() => null);
    if (!handoff?.ok) return; // a new story the user opened themselves: not ours to touch
    const draft = handoff.editor;
    const editor = await waitForEditor(handoff.wait_ms);
    let result = { titleDone: false, bodyDone: false };
    if (editor) {
      try {
        result = await insert(editor, draft);
      } catch {
        // the page's editor threw on our paste: fall back below
      }
    }
    let outcome;
    if (result.bodyDone) {
      outcome = { state: 'inserted', titleDone: result.titleDone, copied: false };
    } else {
      // The popup copies the story when "Open in Medium" is clicked (a click allows it); copy
      // again here in case the user copied something else meanwhile.
      const copied = (await copyBody(draft)) || Boolean(handoff.clipboard_ready);
      outcome = { state: copied ? 'on-clipboard' : 'copy-needed', titleDone: result.titleDone, copied };
    }
    showPanel(draft, outcome);
    await ext.runtime
      .sendMessage({ type: MESSAGE.editorResult, outcome: outcome.state, editor_found: Boolean(editor), title_pasted: result.titleDone })
      .catch(() => null);
  }

  run();
})();
