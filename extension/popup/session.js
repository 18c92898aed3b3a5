// What one opening of the popup holds, shared by its modules: the draft shown, the options, what
// the last capture read; the popup's address parameters; `$` for its elements.

export const session = {
  /** The draft record on show, with the user's edits; null until one is chosen. */
  record: null,
  /** The stored options (store.getOptions()). */
  options: null,
  /** Edits not yet written to storage. */
  unsaved: false,
  /** What the last capture read, kept so "Use only the selected text" needs no second read. */
  lastCaptured: null,
};

/** ?tab=ID (the tab to read), ?mode=, ?draft=ID (a stored draft), ?pending=1 (a context-menu
 * capture opened in a tab). */
export const params = new URLSearchParams(location.search);

export const $ = (id) => document.getElementById(id);
