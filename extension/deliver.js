// Delivery to Medium: the API (for token holders), the editor and the import tool. The wasm core
// builds every request and reads every answer (src/medium/); this module only moves them: fetch
// with a time limit, open tabs, hand the editor content script its draft. The token is read
// here and sent only in the Authorization header to the API base; no page or content script
// ever receives it, and it is never logged.
//
// Called by background.js:
//   deliver(draft, method, env) → {ok: true, url?, status, warnings} | {ok: false, error, report}
//     draft: the final Draft (edits applied); method: 'api' | 'editor' | 'import'
//     env: {record, options, api, store, config, clipboard_ready?} (clipboard_ready: the popup
//     already copied the story, so the editor's fallback can say it is on the clipboard)
//   checkToken(token, env) → {ok, user?, error?, report?}
//   listPublications(env) → {ok, publications?, error?, report?}
//   onContentScriptMessage(message, sender, env): the editor content script's
//     MESSAGE.editorReady / MESSAGE.editorResult.

import { core, loadCore } from './core.js';
import './messages.js';

const { MESSAGE } = globalThis;

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_EDITOR_WAIT_MS = 20_000;
/** How long an opened editor tab may take (sign-in included) to ask for its draft. */
const HANDOFF_TTL_MS = 15 * 60_000;

/** Editor tabs we opened and the draft each is waiting for: tab id → {draftId, editor, at}. */
const editorHandoffs = new Map();

// --- the core's calls (through core.js), with their errors as data ----------------------------

/** Any throw as an ErrorReport-shaped object ({code, message, retryable, …}): the core's own
 * report when it threw one, else one made from the error's code and message. */
function asReport(error) {
  if (error?.report) return error.report;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    return { code: error.code, message: error.message, retryable: true, may_have_posted: false };
  }
  return {
    code: 'internal',
    message: `The extension hit an unexpected problem (${String(error?.message ?? error)}). Your draft is kept; reload the extension and try again.`,
    retryable: true,
    may_have_posted: false,
  };
}

function failed(report) {
  return { ok: false, error: report.message, report };
}

/** Runs a core call; what it throws becomes {ok: false, error, report}. */
function attempt(fn, ...args) {
  try {
    return { ok: true, value: fn(...args) };
  } catch (error) {
    return failed(asReport(error));
  }
}

// --- transport: the only fetch to Medium ----------------------------------------------------

/** Sends an ApiRequest built by the core and hands the answer back to the core to read. */
async function send(request, env) {
  const timeoutMs = env.config.medium_api_timeout_ms ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response;
  try {
    const answer = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body ?? undefined,
      signal: controller.signal,
      credentials: 'omit', // the API needs the token only, not the user's Medium cookies
      cache: 'no-store',
      redirect: 'manual', // the token never follows a redirect elsewhere
    });
    response = {
      status: answer.type === 'opaqueredirect' ? 302 : answer.status,
      body: await answer.text(),
      retry_after: answer.headers.get('retry-after'),
    };
  } catch {
    const failure = controller.signal.aborted
      ? { kind: 'timeout', seconds: Math.round(timeoutMs / 1000) }
      : { kind: 'network' };
    return failed(core.transportError(request.call, failure));
  } finally {
    clearTimeout(timer);
  }
  return attempt(core.parseResponse, request.call, response);
}

function apiBase(env) {
  // Only the test build sets another base; the core refuses anything but https or loopback.
  const base = env.config.medium_api_base;
  return base && base !== 'https://api.medium.com/v1' ? base : undefined;
}

// --- the API ----------------------------------------------------------------------------------

/** GET /me with `token`; on success the account is stored as medium_user. */
export async function checkToken(token, env) {
  await loadCore();
  const request = attempt(core.meRequest, token ?? '', apiBase(env));
  if (!request.ok) return request;
  const result = await send(request.value, env);
  if (result.ok) {
    await env.store.setMediumUser(result.value);
    return { ok: true, user: result.value };
  }
  if (result.report.code === 'unauthorized') await env.store.setMediumUser(null);
  return result;
}

/** The user's account: the stored one, or looked up with GET /me (and stored). */
async function mediumUser(token, env) {
  const known = await env.store.getMediumUser();
  if (known?.id) return { ok: true, value: known };
  const checked = await checkToken(token, env);
  return checked.ok ? { ok: true, value: checked.user } : checked;
}

/** The publications offered in Options. */
export async function listPublications(env) {
  await loadCore();
  const token = (await env.store.getToken()) ?? '';
  const user = await mediumUser(token, env);
  if (!user.ok) return user;
  const request = attempt(core.publicationsRequest, token, apiBase(env), user.value.id);
  if (!request.ok) return request;
  const result = await send(request.value, env);
  return result.ok ? { ok: true, publications: result.value } : result;
}

async function postViaApi(draft, env) {
  const token = (await env.store.getToken()) ?? '';
  const user = token ? await mediumUser(token, env) : { ok: true, value: null };
  if (!user.ok) return user;
  const publicationId = env.options.publication_id || null;
  const target = publicationId
    ? { kind: 'publication', publication_id: publicationId }
    : { kind: 'profile', user_id: user.value?.id ?? '' };
  const settings = {
    publish_status: env.options.publish_status || 'draft',
    license: env.options.license || null,
    notify_followers: Boolean(env.options.notify_followers),
  };
  const prepared = attempt(core.createPostRequest, token, apiBase(env), target, draft, settings);
  if (!prepared.ok) return prepared;
  const result = await send(prepared.value.request, env);
  if (!result.ok) return result;
  const post = result.value;
  await env.api.tabs.create({ url: post.url });
  return { ok: true, url: post.url, status: post.publish_status || 'draft', warnings: prepared.value.warnings };
}

// --- the editor -------------------------------------------------------------------------------

/** Opens Medium's new-story page; its content script asks for the draft when the page is up. */
async function openInEditor(draft, env) {
  const editor = attempt(core.editorHandoff, draft);
  if (!editor.ok) return editor;
  forgetStaleHandoffs();
  const tab = await env.api.tabs.create({ url: env.config.medium_editor_url });
  editorHandoffs.set(tab.id, {
    draftId: env.record?.id ?? null,
    editor: editor.value,
    clipboardReady: Boolean(env.clipboard_ready),
    at: Date.now(),
  });
  return { ok: true, url: null, status: 'opened-in-editor', warnings: [] };
}

function forgetStaleHandoffs() {
  for (const [tabId, handoff] of editorHandoffs) {
    if (Date.now() - handoff.at > HANDOFF_TTL_MS) editorHandoffs.delete(tabId);
  }
}

/**
 * Messages from the editor content script (never from a page: runtime messages only come from
 * our own scripts). It gets the draft only for a tab we opened for it, and never the token.
 */
export async function onContentScriptMessage(message, sender, env) {
  const tabId = sender?.tab?.id;
  const handoff = tabId === undefined ? null : editorHandoffs.get(tabId);
  if (!handoff || !sameEditorPage(sender.url, env.config.medium_editor_url)) return { ok: false };
  switch (message?.type) {
    case MESSAGE.editorReady:
      return {
        ok: true,
        draft_id: handoff.draftId,
        editor: handoff.editor,
        clipboard_ready: handoff.clipboardReady,
        wait_ms: env.config.medium_editor_wait_ms ?? DEFAULT_EDITOR_WAIT_MS,
      };
    case MESSAGE.editorResult:
      editorHandoffs.delete(tabId);
      await recordEditorOutcome(handoff.draftId, message.outcome, env);
      return { ok: true };
    default:
      return { ok: false };
  }
}

/** The page the content script runs on is the editor page we opened (query ignored). */
function sameEditorPage(url, editorUrl) {
  try {
    const page = new URL(url);
    const editor = new URL(editorUrl);
    return page.origin === editor.origin && page.pathname === editor.pathname;
  } catch {
    return false;
  }
}

/** Keeps the draft unfinished (with its reason) when nothing reached the editor. */
async function recordEditorOutcome(draftId, outcome, env) {
  if (!draftId || outcome === 'inserted' || outcome === 'on-clipboard') return;
  await env.store.updateDraft(draftId, {
    status: 'failed',
    error: {
      code: 'editor-not-filled',
      method: 'editor',
      message:
        "Medium's editor did not take the draft, and it could not be put on the clipboard. Open the " +
        'popup, use Copy HTML and paste it into the story yourself; your draft is kept.',
      at: new Date().toISOString(),
    },
  });
}

// --- the import tool --------------------------------------------------------------------------

/** Opens Medium's "Import a story"; the popup has already copied the canonical URL to paste. */
async function openImport(draft, env) {
  const handoff = attempt(core.importHandoff, draft);
  if (!handoff.ok) return handoff;
  await env.api.tabs.create({ url: env.config.medium_import_url ?? handoff.value.import_url });
  return {
    ok: true,
    url: null,
    status: 'import-opened',
    canonical_url: handoff.value.canonical_url,
    warnings: handoff.value.warnings,
  };
}

// --- entry point ------------------------------------------------------------------------------

/** Sends the final draft by `method`; never throws (a failure is {ok: false, error, report}). */
export async function deliver(draft, method, env) {
  try {
    await loadCore();
    switch (method) {
      case 'api':
        return await postViaApi(draft, env);
      case 'editor':
        return await openInEditor(draft, env);
      case 'import':
        return await openImport(draft, env);
      default:
        return failed(asReport({ code: 'bad-method', message: `Unknown way to send a draft: '${method}'.` }));
    }
  } catch (error) {
    return failed(asReport(error));
  }
}
