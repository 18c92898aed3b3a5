// storage.local, one owner: every key the extension keeps is read and written here.
// Keys: options, draft_ids + draft:<id> (one per draft), current_draft_id, history,
// medium_token (secret), medium_user, last_capture.
// Drafts are never deleted while unfinished; finished ones are pruned beyond MAX_DRAFTS.

import { api } from './browser-api.js';

/** Defaults of the shell's own settings: how a draft is published. The draft options' defaults
 * (footer template, related links, UTM campaign) are the core's: `core.defaultOptions()`. */
export const DELIVERY_DEFAULTS = Object.freeze({
  publish_status: 'draft',
  license: 'all-rights-reserved',
  notify_followers: false,
  daily_limit: 3,
  publication_id: null,
});

const MAX_DRAFTS = 20;
/** The options page's range for related links (its input's max). */
const MAX_RELATED_LINKS = 10;
const UNFINISHED = new Set(['editing', 'failed', 'sending']);

async function get(key, fallback) {
  const stored = await api.storage.local.get(key);
  return stored[key] ?? fallback;
}

function set(key, value) {
  return api.storage.local.set({ [key]: value });
}

// --- options -------------------------------------------------------------------------------

/** The stored options over the delivery defaults; a draft option the user never set is absent
 * (coreOptions leaves it to the core's default). */
export async function getOptions() {
  return { ...DELIVERY_DEFAULTS, ...(await get('options', {})) };
}

export async function setOptions(changes) {
  const options = { ...(await getOptions()), ...changes };
  await set('options', options);
  return options;
}

/** The options as the wasm core's `Options` takes them: only what the user set (an empty
 * footer or campaign, or a count that is not one, is unset), so the core fills in its defaults. */
export function coreOptions(options) {
  const chosen = {};
  if (options.footer_template) chosen.footer_template = options.footer_template;
  const related = Number.parseInt(options.related_links, 10);
  if (Number.isFinite(related) && related >= 0) chosen.related_links = Math.min(related, MAX_RELATED_LINKS);
  const campaign = options.utm_campaign ? String(options.utm_campaign).trim() : '';
  if (campaign) chosen.utm_campaign = campaign;
  return chosen;
}

// --- drafts --------------------------------------------------------------------------------
// One key per draft (`draft:<id>`) plus an index (`draft_ids`), so saving an edit is a single
// write with no read before it: the popup can flush it while it closes and lose nothing.

const DRAFT_PREFIX = 'draft:';

function draftKey(id) {
  return DRAFT_PREFIX + id;
}

async function getDraftIds() {
  return get('draft_ids', []);
}

async function getDrafts() {
  const ids = await getDraftIds();
  if (!ids.length) return {};
  const stored = await api.storage.local.get(ids.map(draftKey));
  const drafts = {};
  for (const id of ids) if (stored[draftKey(id)]) drafts[id] = stored[draftKey(id)];
  return drafts;
}

export async function getDraft(id) {
  return id ? get(draftKey(id), null) : null;
}

export function isUnfinished(record) {
  return Boolean(record) && UNFINISHED.has(record.status);
}

/** A new draft record for a freshly built draft; `bodyMarkdown` is the editor's starting text. */
export function newDraftRecord(built, sourceUrl, bodyMarkdown) {
  const now = new Date().toISOString();
  const draft = built.draft;
  return {
    id: globalThis.crypto.randomUUID(),
    source_url: sourceUrl,
    created_at: now,
    updated_at: now,
    status: 'editing',
    error: null,
    built,
    body_markdown: bodyMarkdown,
    edits: {
      title: draft.title ?? '',
      subtitle: draft.subtitle ?? '',
      tags: [...draft.tags],
      canonical_url: draft.canonical_url ?? '',
      backlinks_enabled: draft.backlinks.map(() => true),
    },
  };
}

/** Stores a new draft and makes it the one the popup opens on. */
export async function addDraft(record) {
  const drafts = await getDrafts();
  drafts[record.id] = record;
  const kept = prune(drafts);
  const forgotten = Object.keys(drafts).filter((id) => !kept[id]);
  await api.storage.local.set({
    [draftKey(record.id)]: record,
    draft_ids: Object.keys(kept),
    current_draft_id: record.id,
  });
  if (forgotten.length) await api.storage.local.remove(forgotten.map(draftKey));
  return record;
}

/**
 * Writes a whole draft record as the caller holds it: one storage call, no read first, so it
 * completes even when issued from a closing popup (`pagehide`).
 */
export function saveDraft(record) {
  return set(draftKey(record.id), { ...record, updated_at: new Date().toISOString() });
}

/** Applies `changes` to a stored draft (status, error, edits), for callers without the record. */
export async function updateDraft(id, changes) {
  const record = await getDraft(id);
  if (!record) return null;
  const updated = { ...record, ...changes, updated_at: new Date().toISOString() };
  await set(draftKey(id), updated);
  return updated;
}

/** Forgets a draft (one the user replaced before editing it). */
export async function deleteDraft(id) {
  const ids = await getDraftIds();
  await api.storage.local.set({ draft_ids: ids.filter((known) => known !== id) });
  await api.storage.local.remove(draftKey(id));
}

export async function getCurrentDraftId() {
  return get('current_draft_id', null);
}

export function setCurrentDraftId(id) {
  return set('current_draft_id', id);
}

/** Unfinished drafts, newest first, for the popup's draft switcher. */
export async function listUnfinishedDrafts() {
  return Object.values(await getDrafts())
    .filter(isUnfinished)
    .sort((a, b) => b.updated_at.localeCompare(a.updated_at));
}

/** Keeps every unfinished draft, and the newest finished ones up to MAX_DRAFTS in all. */
function prune(drafts) {
  const all = Object.values(drafts);
  if (all.length <= MAX_DRAFTS) return drafts;
  const finished = all
    .filter((d) => !isUnfinished(d))
    .sort((a, b) => a.updated_at.localeCompare(b.updated_at));
  const kept = { ...drafts };
  for (const old of finished.slice(0, all.length - MAX_DRAFTS)) delete kept[old.id];
  return kept;
}

// --- history -------------------------------------------------------------------------------

export async function getHistory() {
  return get('history', []);
}

/** Records a delivery, newest last (the core's HistoryEntry): {id, title, source_url,
 * canonical_url, medium_url, method, date, status}. Keeps the last 500. */
export async function addHistory(entry) {
  const history = await getHistory();
  history.push({ date: new Date().toISOString(), medium_url: null, ...entry });
  await set('history', history.slice(-500));
}

// --- the last context-menu capture ---------------------------------------------------------

/** {state: 'working'|'done'|'failed', at, draft_id?, error?, seen}: lets a popup opened by the
 * context menu pick up the capture it was opened for. */
export async function getLastCapture() {
  return get('last_capture', null);
}

export function setLastCapture(capture) {
  return set('last_capture', { at: Date.now(), seen: false, ...capture });
}

// --- Medium account (secret: never hand these to a content script or a page) --------------

export async function getToken() {
  return get('medium_token', null);
}

export async function setToken(token) {
  if (token) await set('medium_token', token);
  else await api.storage.local.remove(['medium_token', 'medium_user']);
}

export async function getMediumUser() {
  return get('medium_user', null);
}

export function setMediumUser(user) {
  return set('medium_user', user);
}
