// The options page: the draft settings the core uses, the publishing settings the delivery uses,
// and the Medium token (a secret: masked, kept in storage.local, checked by the background).

import { api } from './browser-api.js';
import * as store from './store.js';
import { core, dayStartMs, loadCore } from './core.js';
import './messages.js';

const { MESSAGE } = globalThis;

const $ = (id) => document.getElementById(id);
const FIELDS = ['footer_template', 'related_links', 'utm_campaign', 'publish_status', 'license', 'notify_followers', 'daily_limit', 'publication_id'];

/** What an emptied field goes back to: the core's draft defaults, the shell's delivery ones. */
const defaults = loadCore()
  .then(() => ({ ...core.defaultOptions(), ...store.DELIVERY_DEFAULTS }))
  .catch(() => ({ ...store.DELIVERY_DEFAULTS })); // no core: the stored values still show

function readField(id, fallback) {
  const input = $(id);
  if (input.type === 'checkbox') return input.checked;
  if (input.type === 'number') {
    const value = Number.parseInt(input.value, 10);
    return Number.isFinite(value) && value >= 0 ? value : fallback[id];
  }
  const text = input.value.trim();
  if (id === 'utm_campaign' || id === 'publication_id') return text || null;
  return text || fallback[id];
}

function writeField(id, value) {
  const input = $(id);
  if (input.type === 'checkbox') input.checked = Boolean(value);
  else input.value = value ?? '';
}

/** Fields the user typed in before the stored values arrived: loading must not overwrite them. */
const touched = new Set();
document.addEventListener('input', (event) => touched.add(event.target.id), { capture: true });

async function load() {
  const [fallback, stored, token, user] = await Promise.all([defaults, store.getOptions(), store.getToken(), store.getMediumUser()]);
  const options = { ...fallback, ...stored };
  if (options.publication_id) {
    const option = new Option(options.publication_id, options.publication_id);
    $('publication_id').append(option);
  }
  for (const id of FIELDS) if (!touched.has(id)) writeField(id, options[id]);
  if (!touched.has('token')) $('token').value = token ?? '';
  if (user) $('token-result').textContent = `Connected as ${user.name ?? user.username}.`;
  document.documentElement.dataset.loaded = 'true'; // read by the browser tests
}

async function saveField(id) {
  await store.setOptions({ [id]: readField(id, await defaults) });
  $('saved').textContent = 'Saved.';
}

/**
 * Saves the token (what the user pasted is never lost) and checks it with GET /me. The account
 * shown and used for posting is always the one Medium confirmed for this very token: a new
 * token forgets the old account before it is checked.
 */
async function checkToken() {
  const token = $('token').value.trim();
  if (!token) {
    $('token-result').textContent = 'Paste your integration token first.';
    return;
  }
  if ((await store.getToken()) !== token) await store.setMediumUser(null);
  await store.setToken(token);
  $('token-result').textContent = 'Saved. Checking with Medium…';
  const result = await api.runtime.sendMessage({ type: MESSAGE.checkToken, token }).catch((e) => ({ ok: false, error: String(e?.message ?? e) }));
  if (result?.ok) {
    $('token-result').textContent = `Saved. Connected as ${result.user?.name ?? result.user?.username ?? 'your account'}.`;
  } else if (result?.report?.code === 'unauthorized') {
    $('token-result').textContent = `Saved, but ${result.error}`;
  } else {
    $('token-result').textContent = `Saved, but not checked: ${result?.error ?? 'no answer'}`;
  }
}

async function loadPublications() {
  const result = await api.runtime.sendMessage({ type: MESSAGE.listPublications }).catch((e) => ({ ok: false, error: String(e?.message ?? e) }));
  if (!result?.ok) {
    $('saved').textContent = `Could not load publications: ${result?.error ?? 'no answer'}`;
    return;
  }
  const select = $('publication_id');
  const chosen = select.value;
  select.replaceChildren(new Option('My profile', ''));
  for (const publication of result.publications ?? []) select.append(new Option(publication.name, publication.id));
  select.value = chosen;
}

for (const id of FIELDS) $(id).addEventListener('change', () => saveField(id));
$('show-token').addEventListener('click', () => {
  const shown = $('token').type === 'text';
  $('token').type = shown ? 'password' : 'text';
  $('show-token').textContent = shown ? 'Show' : 'Hide';
  $('show-token').setAttribute('aria-pressed', String(!shown));
});
$('check-token').addEventListener('click', checkToken);
$('forget-token').addEventListener('click', async () => {
  await store.setToken(null);
  $('token').value = '';
  $('token-result').textContent = 'Token removed from this browser.';
});
$('load-publications').addEventListener('click', loadPublications);

/** How each delivery reached Medium, as the history says it. */
const METHODS = {
  api: 'Posted via the API',
  editor: 'Opened in Medium’s editor',
  import: 'Handed to Medium’s import tool',
};

/** The delivery history, newest first, with today's count against the daily limit. */
async function renderHistory() {
  const [history, options] = await Promise.all([store.getHistory(), store.getOptions(), loadCore()]);
  const limit = Number.parseInt(options.daily_limit, 10) || 0;
  try {
    const today = core.dailyCount(history, dayStartMs(), limit);
    $('today').textContent = limit > 0 ? `Today: ${today.count} of your daily ${today.limit}.` : `Today: ${today.count}.`;
  } catch (error) {
    $('today').textContent = error.message;
  }
  const list = $('history');
  list.replaceChildren();
  $('no-history').hidden = history.length > 0;
  for (const entry of [...history].reverse().slice(0, 50)) list.append(historyItem(entry));
}

function link(url) {
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.textContent = url;
  anchor.target = '_blank';
  anchor.rel = 'noopener';
  return anchor;
}

/** One delivery: its title, how it went (with the Medium URL when there is one), from where, when. */
function historyItem(entry) {
  const item = document.createElement('li');
  const title = document.createElement('strong');
  title.textContent = entry.title || entry.canonical_url || entry.source_url;
  const how = document.createElement('small');
  how.className = 'history-how';
  how.append(METHODS[entry.method] ?? entry.method);
  if (entry.method === 'api' && ['draft', 'public', 'unlisted'].includes(entry.status)) how.append(` (${entry.status})`);
  if (entry.medium_url) how.append(': ', link(entry.medium_url));
  const from = document.createElement('small');
  from.append('From ');
  if (/^https?:/i.test(entry.source_url ?? '')) from.append(link(entry.source_url));
  else from.append(entry.source_url ?? 'an unknown page');
  const when = new Date(entry.date);
  from.append(`, ${Number.isNaN(when.getTime()) ? entry.date : when.toLocaleString()}`);
  item.append(title, how, from);
  return item;
}
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && (changes.history || changes.options)) renderHistory();
});
renderHistory();
$('options').addEventListener('submit', (event) => event.preventDefault());
load();
