// A local fake of Medium for the tests: the v1 API as documented (data envelope, 201 on create,
// `{errors: [{message, code}]}` bodies, 400/401/403/404) plus switches for what Medium does not
// document but the extension must survive (429, 500, slow answers, dropped connections, garbage),
// a fake editor page at /new-story whose paste handling reads clipboardData like Medium's, and a
// fake "Import a story" page at /p/import. Node's http only. Every request is recorded so tests
// can assert what was sent, and where the token went.
//
//   const fake = await startFakeMedium();        // port 0: the OS picks; fake.origin tells
//   fake.failNext({ status: 429, retryAfter: '120', path: '/posts' });  // times: 1 by default
//   fake.normal();                                // no failure rule left
//   fake.requests                                 // API: [{method, path, headers, body, json}]
//   fake.pageRequests                             // everything else: [{method, url, headers}]
//   await fake.refuseConnections();               // the port refuses; acceptConnections() undoes
//   await fake.close();
//
// Run alone (`node tests/fake-medium/server.mjs [port]`) it prints its origin and serves until
// killed, for trying the extension by hand.

import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

/** Tokens the fake accepts, and whose account each one is. */
export const TOKENS = Object.freeze({
  VALID: 'fake-valid-token-2a7d9b',
  /** An account that is only a writer in every publication (drafts only there). */
  WRITER: 'fake-writer-token-77c1e0',
});

export const USERS = Object.freeze({
  [TOKENS.VALID]: { id: '5303d74c64f66366f00cb9b2a94f3251bf5', username: 'adalovelace', name: 'Ada Lovelace' },
  [TOKENS.WRITER]: { id: '1c9c63b15b874d3e354340b7d7458d55e1d', username: 'charles', name: 'Charles Babbage' },
});

export const PUBLICATIONS = Object.freeze([
  { id: 'b969ac62a46b', name: 'About Medium', description: 'What is this thing and how does it work?' },
  { id: 'b45573563f5a', name: 'Developers', description: "Medium's Developer resources" },
]);

const PUBLISH_STATUSES = ['public', 'draft', 'unlisted'];
const LICENSES = [
  'all-rights-reserved', 'cc-40-by', 'cc-40-by-sa', 'cc-40-by-nd', 'cc-40-by-nc',
  'cc-40-by-nc-nd', 'cc-40-by-nc-sa', 'cc-40-zero', 'public-domain',
];

/** Medium's error codes as seen in the wild (MEDIUM.md); the others are the fake's own. */
const CODES = { TOKEN_REQUIRED: 6000, TOKEN_INVALID: 6003, USER_NOT_FOUND: 6004, FORBIDDEN: 6027, INVALID: 6026, NOT_FOUND: 6030 };

function errors(...list) {
  return { errors: list.map(([message, code]) => ({ message, code })) };
}

function slugify(title) {
  return (
    String(title)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'untitled'
  );
}

/**
 * Starts the fake on 127.0.0.1. Options: {port = 0}. Resolves to the controller:
 * {origin, apiBase, editorUrl(mode), importUrl, requests, pageRequests, posts, failNext(rule),
 * setEditorMode(mode), refuseConnections(), acceptConnections(), clear(), close()}.
 */
export async function startFakeMedium({ port = 0 } = {}) {
  const requests = [];
  const pageRequests = [];
  const posts = [];
  /** Rules applied to the next matching API requests, in order: {status, body?, retryAfter?,
   * delayMs?, hangUp?, times?, path?} (`path`: only requests whose path ends with it). */
  const rules = [];
  const sockets = new Set();
  let origin = '';
  /** The editor page's mode when its address does not say (the extension opens a fixed URL). */
  let editorDefaults = { mode: 'normal', delayMs: 0 };

  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      route(req, res, body).catch((error) => {
        if (!res.headersSent) send(res, 500, { errors: [{ message: String(error), code: -1 }] });
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function route(req, res, body) {
    const url = new URL(req.url, origin);
    if (url.pathname.startsWith('/v1/')) return api(req, res, url, body);
    pageRequests.push({ method: req.method, url: url.href, headers: { ...req.headers }, at: Date.now() });
    if (url.pathname === '/new-story') return editorPage(res, url, editorDefaults);
    if (url.pathname === '/p/import') return html(res, 200, IMPORT_PAGE);
    const post = posts.find((p) => new URL(p.url).pathname === url.pathname);
    if (post) return html(res, 200, postPage(post));
    return html(res, 404, '<!doctype html><title>Not found</title><h1>404</h1>');
  }

  async function api(req, res, url, body) {
    let json = null;
    try {
      json = body ? JSON.parse(body) : null;
    } catch {
      json = undefined; // unparseable: answered below with 400
    }
    requests.push({
      method: req.method,
      path: url.pathname,
      headers: { ...req.headers },
      body,
      json,
      at: Date.now(),
    });

    const rule = rules.find((r) => !r.path || url.pathname.endsWith(r.path));
    if (rule) {
      rule.times -= 1;
      if (rule.times <= 0) rules.splice(rules.indexOf(rule), 1);
      if (rule.delayMs) await new Promise((r) => setTimeout(r, rule.delayMs));
      if (rule.hangUp) return req.socket.destroy();
      if (rule.status) {
        const headers = rule.retryAfter ? { 'Retry-After': String(rule.retryAfter) } : {};
        if (typeof rule.body === 'string') return raw(res, rule.status, rule.body, headers);
        return send(res, rule.status, rule.body ?? defaultBody(rule.status), headers);
      }
    }

    const auth = req.headers.authorization ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!token) return send(res, 401, errors(['An access token is required.', CODES.TOKEN_REQUIRED]));
    const account = USERS[token];
    if (!account) return send(res, 401, errors(['Token was invalid.', CODES.TOKEN_INVALID]));
    const user = { ...account, url: `${origin}/@${account.username}`, imageUrl: `${origin}/img/${account.username}.png` };

    const parts = url.pathname.split('/').slice(2).map(decodeURIComponent); // after /v1/
    const [first, id, what] = parts;
    if (req.method === 'GET' && parts.length === 1 && first === 'me') {
      return send(res, 200, { data: user });
    }
    if (req.method === 'GET' && first === 'users' && what === 'publications' && parts.length === 3) {
      if (id !== user.id) return send(res, 403, errors(["You may only list your own publications.", CODES.FORBIDDEN]));
      return send(res, 200, {
        data: PUBLICATIONS.map((p) => ({ ...p, url: `${origin}/${slugify(p.name)}`, imageUrl: `${origin}/img/${p.id}.png` })),
      });
    }
    if (req.method === 'GET' && first === 'publications' && what === 'contributors' && parts.length === 3) {
      if (!PUBLICATIONS.some((p) => p.id === id)) return send(res, 404, errors(['Publication not found.', CODES.NOT_FOUND]));
      return send(res, 200, { data: [{ publicationId: id, userId: user.id, role: roleIn(token) }] });
    }
    if (req.method === 'POST' && (first === 'users' || first === 'publications') && what === 'posts' && parts.length === 3) {
      return createPost(res, req, json, user, token, first === 'publications' ? id : null, first === 'users' ? id : null);
    }
    return send(res, 404, errors(['Not found.', CODES.NOT_FOUND]));
  }

  function roleIn(token) {
    return token === TOKENS.WRITER ? 'writer' : 'editor';
  }

  function createPost(res, req, json, user, token, publicationId, authorId) {
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json') || json === undefined || json === null || typeof json !== 'object') {
      return send(res, 400, errors(['The request body must be JSON.', CODES.INVALID]));
    }
    const problems = [];
    if (typeof json.title !== 'string' || !json.title.trim()) problems.push(['Missing title.', CODES.INVALID]);
    if (!['html', 'markdown'].includes(json.contentFormat)) problems.push(['contentFormat must be "html" or "markdown".', CODES.INVALID]);
    if (typeof json.content !== 'string' || !json.content.trim()) problems.push(['Missing content.', CODES.INVALID]);
    if (json.publishStatus !== undefined && !PUBLISH_STATUSES.includes(json.publishStatus)) problems.push(['Invalid publishStatus.', CODES.INVALID]);
    if (json.license !== undefined && !LICENSES.includes(json.license)) problems.push(['Invalid license.', CODES.INVALID]);
    if (json.tags !== undefined && (!Array.isArray(json.tags) || json.tags.some((t) => typeof t !== 'string'))) problems.push(['tags must be a list of strings.', CODES.INVALID]);
    if (json.canonicalUrl !== undefined && !/^https?:\/\//.test(String(json.canonicalUrl))) problems.push(['Invalid canonicalUrl.', CODES.INVALID]);
    if (problems.length) return send(res, 400, errors(...problems));

    if (authorId !== null && authorId !== user.id) {
      return send(res, 403, errors(['You may not publish as another user.', CODES.FORBIDDEN]));
    }
    const status = json.publishStatus ?? 'public'; // Medium's own default
    if (publicationId !== null) {
      if (!PUBLICATIONS.some((p) => p.id === publicationId)) return send(res, 404, errors(['Publication not found.', CODES.NOT_FOUND]));
      if (roleIn(token) === 'writer' && status !== 'draft') {
        return send(res, 403, errors(['Writers may only create draft posts in this publication.', CODES.FORBIDDEN]));
      }
    }
    const id = randomBytes(6).toString('hex');
    // As Medium: only the first three tags, and none over 25 characters; long titles ignored.
    const tags = (json.tags ?? []).slice(0, 3).filter((t) => t.length <= 25);
    const title = json.title.length > 100 ? 'Untitled story' : json.title;
    const post = {
      id,
      title,
      authorId: user.id,
      tags,
      url: `${origin}/@${user.username}/${slugify(title)}-${id}`,
      canonicalUrl: json.canonicalUrl ?? '',
      publishStatus: status,
      license: json.license ?? 'all-rights-reserved',
      licenseUrl: `${origin}/policy/licence`,
      ...(status === 'draft' ? {} : { publishedAt: Date.now() }),
      ...(publicationId ? { publicationId } : {}),
    };
    posts.push({ ...post, content: json.content, contentFormat: json.contentFormat, notifyFollowers: json.notifyFollowers });
    return send(res, 201, { data: post });
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const boundPort = server.address().port;
  origin = `http://127.0.0.1:${boundPort}`;

  return {
    origin,
    port: server.address().port,
    /** What the extension's test build uses as the API base. */
    apiBase: `${origin}/v1`,
    /** The fake editor; `mode` is 'normal', 'ignore-paste' (the page takes no paste) or 'no-editor'. */
    editorUrl: (mode = 'normal', { delayMs = 0 } = {}) =>
      `${origin}/new-story?mode=${encodeURIComponent(mode)}&delay=${delayMs}`,
    /** The fake "Import a story" page. */
    importUrl: `${origin}/p/import`,
    requests,
    pageRequests,
    posts,
    /** Makes the next `times` API requests (whose path ends with `path`, when given) answer per
     * `rule` ({status, body, retryAfter, delayMs, hangUp}). */
    failNext(rule) {
      rules.push({ times: 1, ...rule });
    },
    /** Back to normal service: no failure rule left, the editor in its normal mode. */
    normal() {
      rules.length = 0;
      editorDefaults = { mode: 'normal', delayMs: 0 };
    },
    /** The mode of editor pages opened at plain /new-story (what the extension opens). */
    setEditorMode(mode, { delayMs = 0 } = {}) {
      editorDefaults = { mode, delayMs };
    },
    /** Stops listening and drops every open connection: the next request meets a refused port. */
    refuseConnections() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
    /** Listens again on the same port after refuseConnections(). */
    acceptConnections() {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(boundPort, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
    },
    clear() {
      requests.length = 0;
      pageRequests.length = 0;
      posts.length = 0;
      rules.length = 0;
      editorDefaults = { mode: 'normal', delayMs: 0 };
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
    },
  };
}

function defaultBody(status) {
  if (status === 429) return errors(['Too many requests.', 429]);
  if (status >= 500) return errors(['Internal server error.', status]);
  return errors([`HTTP ${status}`, status]);
}

function send(res, status, body, headers = {}) {
  raw(res, status, JSON.stringify(body), { 'Content-Type': 'application/json; charset=utf-8', ...headers });
}

function raw(res, status, text, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(text);
}

function html(res, status, text) {
  raw(res, status, text, { 'Content-Type': 'text/html; charset=utf-8' });
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

function postPage(post) {
  return `<!doctype html><meta charset="utf-8"><title>${escapeHtml(post.title)} – Fake Medium</title>
<h1 id="post-title">${escapeHtml(post.title)}</h1><p id="post-status">${escapeHtml(post.publishStatus)}</p>`;
}

// --- the fake editor ----------------------------------------------------------------------------

/**
 * Medium's editor as the content script meets it (structure checked against public automation
 * scripts that drive the real page, 2025): one contenteditable `.postArticle-content` holding
 * `section.section--first > .section-inner` with the title `h3[data-testid=editorTitleParagraph]`
 * (`graf--title`) and a trailing `p[data-testid=editorParagraphText]` (`graf--trailing`).
 * Its paste handler reads `clipboardData` HTML, keeps Medium's blocks, and inserts them after
 * the block holding the caret; in the title it keeps plain text. Modes: `ignore-paste` (the
 * handler does nothing, as if Medium changed how it listens), `no-editor` (the page never shows
 * an editor), `delay` (ms before the editor appears, like a slow load).
 */
function editorPage(res, url, defaults) {
  const mode = url.searchParams.get('mode') ?? defaults.mode;
  const delay = Number.parseInt(url.searchParams.get('delay') ?? String(defaults.delayMs), 10) || 0;
  html(res, 200, `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>New story – Fake Medium</title>
<style>
  body { font: 20px Georgia, serif; max-width: 740px; margin: 40px auto; }
  .postArticle-content { outline: none; }
  .graf--title { font-size: 42px; }
  .graf--title:empty::before { content: 'Title'; color: #bbb; }
  .graf--trailing:empty::before { content: 'Tell your story…'; color: #bbb; }
</style></head>
<body data-mode="${escapeHtml(mode)}" data-paste-count="0">
<main id="app"></main>
<script type="application/json" id="paste-log">[]</script>
<script>
(() => {
  const mode = document.body.dataset.mode;
  const BLOCKS = new Set(['P', 'H3', 'H4', 'BLOCKQUOTE', 'PRE', 'UL', 'OL', 'FIGURE', 'HR']);
  function mount() {
    if (mode === 'no-editor') {
      document.getElementById('app').innerHTML = '<p id="signin">Sign in to write a story.</p>';
      return;
    }
    document.getElementById('app').innerHTML =
      '<div class="postArticle-content js-postField" contenteditable="true" role="textbox" aria-multiline="true">' +
      '<section class="section section--body section--first"><div class="section-inner sectionLayout--insetColumn">' +
      '<h3 class="graf graf--h3 graf--title" data-testid="editorTitleParagraph"><br></h3>' +
      '<p class="graf graf--p graf--trailing" data-testid="editorParagraphText"><br></p>' +
      '</div></section></div>';
    const root = document.querySelector('.postArticle-content');
    root.addEventListener('paste', (event) => {
      const data = event.clipboardData;
      const htmlText = data ? data.getData('text/html') : '';
      const plain = data ? data.getData('text/plain') : '';
      // Every paste the page saw, with what it carried: the tests check nothing else reached it.
      const log = document.getElementById('paste-log');
      log.textContent = JSON.stringify([...JSON.parse(log.textContent), { html: htmlText, plain, taken: mode !== 'ignore-paste' }]);
      if (mode === 'ignore-paste') return;
      event.preventDefault();
      const block = currentBlock(root);
      if (!block) return;
      const count = Number(document.body.dataset.pasteCount) + 1;
      document.body.dataset.pasteCount = String(count);
      document.body.dataset.lastPaste = htmlText ? 'html' : 'plain';
      if (block.matches('[data-testid=editorTitleParagraph]')) {
        const text = htmlText ? new DOMParser().parseFromString(htmlText, 'text/html').body.textContent : plain;
        block.textContent = text.replace(/\\s+/g, ' ').trim();
        return;
      }
      const blocks = htmlText ? toBlocks(htmlText) : plain.split(/\\n{2,}/).filter(Boolean).map((t) => {
        const p = document.createElement('p'); p.textContent = t; return p;
      });
      let after = block;
      if (block.textContent.trim() === '' && block.matches('.graf--trailing')) {
        after = block.previousElementSibling;
        block.remove();
      }
      for (const b of blocks) { b.classList.add('graf'); after.after(b); after = b; }
      const trailing = document.createElement('p');
      trailing.className = 'graf graf--p graf--trailing';
      trailing.dataset.testid = 'editorParagraphText';
      trailing.innerHTML = '<br>';
      after.after(trailing);
    });
  }
  function currentBlock(root) {
    const selection = getSelection();
    let node = selection && selection.rangeCount ? selection.getRangeAt(0).startContainer : null;
    while (node && node !== root) {
      if (node.nodeType === 1 && node.classList.contains('graf')) return node;
      node = node.parentNode;
    }
    return null;
  }
  // Medium's rules, roughly: keep its blocks, h1/h2 become its large heading, inline markup
  // and links stay, anything else is flattened to its text; scripts and handlers never survive.
  function toBlocks(htmlText) {
    const doc = new DOMParser().parseFromString(htmlText, 'text/html');
    const out = [];
    for (const node of [...doc.body.childNodes]) {
      if (node.nodeType === 3) {
        if (node.textContent.trim()) { const p = document.createElement('p'); p.textContent = node.textContent; out.push(p); }
        continue;
      }
      if (node.nodeType !== 1) continue;
      let tag = node.tagName;
      if (tag === 'H1' || tag === 'H2') tag = 'H3';
      if (tag === 'H5' || tag === 'H6') tag = 'H4';
      if (!BLOCKS.has(tag)) tag = 'P';
      const block = document.createElement(tag);
      block.innerHTML = clean(node.innerHTML);
      out.push(block);
    }
    return out;
  }
  function clean(fragment) {
    const t = document.createElement('template');
    t.innerHTML = fragment;
    for (const el of [...t.content.querySelectorAll('*')]) {
      if (['SCRIPT', 'STYLE', 'IFRAME', 'OBJECT'].includes(el.tagName)) { el.remove(); continue; }
      for (const attr of [...el.attributes]) {
        const keep = (el.tagName === 'A' && attr.name === 'href' && /^https?:/.test(attr.value)) ||
          (el.tagName === 'IMG' && attr.name === 'src' && /^https?:/.test(attr.value)) || attr.name === 'alt';
        if (!keep) el.removeAttribute(attr.name);
      }
    }
    return t.innerHTML;
  }
  const delay = ${delay};
  if (delay > 0) setTimeout(mount, delay); else mount();
})();
</script>
</body></html>`);
}

/** Medium's "Import a story" as far as the user meets it: a box for the post's address. */
const IMPORT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Import a story – Fake Medium</title></head>
<body>
<main>
  <h1>Import a story</h1>
  <p>Import a post from anywhere on the web. The original will be linked as canonical.</p>
  <form id="import" action="/p/import" method="post">
    <input id="import-url" name="url" type="url" placeholder="www.yoursite.com/blog-post" autofocus>
    <button type="submit">Import</button>
  </form>
</main>
</body></html>`;

// Run alone: serve until killed.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number.parseInt(process.argv[2] ?? '0', 10) || 0;
  const fake = await startFakeMedium({ port });
  console.log(`fake Medium at ${fake.origin}  (API ${fake.apiBase}, editor ${fake.editorUrl()})`);
  console.log(`tokens: ${TOKENS.VALID} (editor everywhere), ${TOKENS.WRITER} (writer everywhere)`);
}
