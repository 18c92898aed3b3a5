// The shell's one error type: what the popup shows as it is when a page cannot become a draft.

/** An error with a stable `code` (the core's, or the shell's own) and a `message` that says what
 * happened and what to do. */
export class CaptureError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}
