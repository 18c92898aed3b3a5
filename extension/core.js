// The wasm core, loaded once per extension page or background, behind plain functions. The only
// file that imports ./pkg/: every call goes through `call`, so a failure comes back as a
// CaptureError with the core's code, and a panic (a bug) is reported with its message and the
// module is reset, so the extension keeps working.

import init, * as wasm from './pkg/send_to_medium.js';
import { CaptureError } from './capture-error.js';

let ready = null;
/** Medium's limits, asked of the core once. */
let limits = null;

/** Loads and instantiates the wasm module (once). */
export function loadCore() {
  ready ??= init({ module_or_path: new URL('./pkg/send_to_medium_bg.wasm', import.meta.url) });
  return ready;
}

function call(fn, ...args) {
  try {
    return fn(...args);
  } catch (error) {
    throw readable(error);
  }
}

/** What a throw from the core becomes: a CaptureError the shell can show as it is. */
function readable(error) {
  if (error instanceof WebAssembly.RuntimeError) {
    const panic = wasm.take_panic_message?.() ?? error.message;
    wasm.__wbg_reset_state?.();
    return new CaptureError(
      'internal',
      `The draft builder hit a bug and stopped (${panic}). Your page was not changed; ` +
        'please report this page to the extension\'s authors, or try selecting the article text and sending the selection.',
    );
  }
  if (error && typeof error.code === 'string') {
    const failure = new CaptureError(error.code, error.message);
    // The Medium calls throw the core's ErrorReport as plain data ({code, message, retryable,
    // may_have_posted, …}): keep it whole for the delivery module.
    if (!(error instanceof Error)) failure.report = { ...error };
    return failure;
  }
  return error;
}

/** The wasm functions the shell uses, wrapped so errors are readable. */
export const core = {
  /** {html, url, selection_html?} + options → BuiltDraft {draft, canonical_source, feed_url}. */
  buildDraft: (page, options) => call(wasm.build_draft, page, options),
  /** Draft + edited body Markdown + options → Draft with body, content and footer rebuilt. */
  rebuildFromMarkdown: (draft, bodyMarkdown, options) =>
    call(wasm.rebuild_from_markdown, draft, bodyMarkdown, options),
  /** Body HTML (Medium dialect) → Markdown for the editor. */
  bodyMarkdown: (bodyHtml) => call(wasm.body_markdown, bodyHtml),
  /** Markdown → sanitised HTML, safe to insert into an extension page. */
  renderPreview: (markdown) => call(wasm.render_preview, markdown),
  /** Raw bytes of a fetched page → text: the core picks the encoding (BOM, UTF-8, <meta charset>,
   * then Windows-1252), the browser's TextDecoder decodes (the wasm has no legacy encoding tables). */
  decodeHtml: (bytes) => decodeAs(call(wasm.html_encoding, bytes), bytes),

  // --- the core's words for what the popup and options show: no copy of them in the shell ------

  /** Medium's limits: {max_tags, api_tags, max_tag_chars, max_title_chars, max_subtitle_chars}. */
  limits: () => (limits ??= call(wasm.medium_limits)),
  /** Tags as the draft keeps them → {kept, too_long, over_limit}: whitespace collapsed,
   * case-insensitive repeats dropped, at most max_tags, longer than max_tag_chars set aside (never
   * cut). */
  fitTags: (tags) => call(wasm.fit_tags, tags),
  /** The draft options a fresh install starts with: {footer_template, related_links, utm_campaign}. */
  defaultOptions: () => call(wasm.default_options),

  // --- delivery: the core builds each request to Medium and reads each answer (sans-IO) --------

  /** GET /me for `token` → ApiRequest {call, method, url, headers, body}; `apiBase` only in tests. */
  meRequest: (token, apiBase) => call(wasm.medium_me_request, token, apiBase),
  /** GET /users/{userId}/publications → ApiRequest. */
  publicationsRequest: (token, apiBase, userId) =>
    call(wasm.medium_publications_request, token, apiBase, userId),
  /** POST …/posts for the final draft → {request, warnings} (what the API will leave out). */
  createPostRequest: (token, apiBase, target, draft, settings) =>
    call(wasm.medium_create_post_request, token, apiBase, target, draft, settings),
  /** Medium's answer {status, body, retry_after} to the request made for `apiCall` → its value;
   * throws the core's ErrorReport (as CaptureError.report) when Medium refused. */
  parseResponse: (apiCall, response) => call(wasm.medium_parse_response, apiCall, response),
  /** A fetch that failed ({kind: 'network'}) or timed out ({kind: 'timeout', seconds}) → ErrorReport. */
  transportError: (apiCall, failure) => call(wasm.medium_transport_error, apiCall, failure),
  /** Final draft → what the editor page gets: {title, body_html, body_text, canonical_url, …}. */
  editorHandoff: (draft) => call(wasm.medium_editor_handoff, draft),
  /** Final draft → {import_url, canonical_url, warnings}; throws when it has no public address. */
  importHandoff: (draft) => call(wasm.medium_import_handoff, draft),
  /** Before sending: [{code, message}] when this canonical URL went out already or today's
   * deliveries reached the daily limit (history as stored, local midnight in ms). */
  deliveryWarnings: (history, canonicalUrl, dayStartMs, dailyLimit) =>
    call(wasm.medium_delivery_warnings, history, canonicalUrl || undefined, dayStartMs, dailyLimit),
  /** Today's deliveries: {count, limit, at_limit}. */
  dailyCount: (history, dayStartMs, dailyLimit) => call(wasm.medium_daily_count, history, dayStartMs, dailyLimit),
};

function decodeAs(encoding, bytes) {
  try {
    return new TextDecoder(encoding).decode(bytes);
  } catch {
    // Only the 'replacement' encoding (ISO-2022-KR and other unsafe legacy labels) has no
    // decoder; the Encoding standard decodes such a page to a single U+FFFD.
    return bytes.length ? '\uFFFD' : '';
  }
}

/** Local midnight today, in ms: the start of the "today" the daily limit counts. */
export function dayStartMs(now = new Date()) {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
}

/**
 * The draft as it goes to Medium: the built draft with the user's edits (title, subtitle, tags,
 * canonical URL, chosen backlinks, edited body) applied by the core.
 */
export function finalDraft(record, options) {
  const { built, edits } = record;
  const draft = {
    ...built.draft,
    title: edits.title.trim() || null,
    subtitle: edits.subtitle.trim() || null,
    tags: [...edits.tags],
    canonical_url: edits.canonical_url.trim() || null,
    backlinks: built.draft.backlinks.filter((_, i) => edits.backlinks_enabled[i] !== false),
  };
  return core.rebuildFromMarkdown(draft, record.body_markdown, options);
}
