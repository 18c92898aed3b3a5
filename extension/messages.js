// Every message the background routes, by name: the `type` of each `runtime.sendMessage`, with
// what it carries and what it answers. No other file spells a message type.
//
// A classic script that sets one global, not a module with exports, because the Medium editor
// content script loads it too (content scripts cannot import; the manifest lists this file before
// medium-editor.js). Modules import it for that effect:
//   import './messages.js';
//   const { MESSAGE } = globalThis;
// An assignment, not a declaration, so a second injection into the same page is harmless.

globalThis.MESSAGE ??= Object.freeze({
  // --- from extension pages (popup, options, the browser tests) -------------------------------

  /** {tabId?, mode: 'page'|'selection'|'link', linkUrl?}: read the tab (or fetch the link) and
   * store its draft → {ok: true, draftId, record} | {ok: false, error: {code, message}}. */
  capture: 'capture',
  /** {}: the capture the context menu started for this popup, once → what `capture` answers, or
   * {none: true} when there is none (or it is older than a minute, or already collected). */
  pendingCapture: 'pending-capture',
  /** {draftId, method: 'api'|'editor'|'import', clipboard_ready}: send a stored draft with the
   * user's edits → {ok: true, url?, status, warnings} | {ok: false, error, report}. */
  deliver: 'deliver',
  /** {token}: check a token with GET /me and store the account → {ok, user?, error?, report?}. */
  checkToken: 'check-token',
  /** {}: the publications the stored token may post to → {ok, publications?, error?, report?}. */
  listPublications: 'list-publications',

  // --- from the Medium editor content script (only for a tab the background opened) -----------

  /** {}: the editor page is up → {ok: true, draft_id, editor, clipboard_ready, wait_ms} | {ok: false}. */
  editorReady: 'editor-ready',
  /** {outcome, editor_found, title_pasted}: how the paste went → {ok}. */
  editorResult: 'editor-result',
});
