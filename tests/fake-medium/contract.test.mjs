// The fake must follow Medium's documented contract, or the browser tests prove nothing:
// these checks pin its answers to what MEDIUM.md documents (and its switches to what they say).
// Run: node --test tests/fake-medium/

import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeMedium, TOKENS, USERS, PUBLICATIONS } from './server.mjs';

let fake;
before(async () => {
  fake = await startFakeMedium();
});
after(() => fake.close());
beforeEach(() => fake.clear());

const ADA = USERS[TOKENS.VALID];

function call(path, { token = TOKENS.VALID, method = 'GET', body, headers = {}, signal } = {}) {
  return fetch(`${fake.apiBase}${path}`, {
    method,
    signal,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      Accept: 'application/json',
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function json(response) {
  return JSON.parse(await response.text());
}

const POST = {
  title: 'Why I left the cloud',
  contentFormat: 'html',
  content: '<h1>Why I left the cloud</h1><p>It started with a bill.</p>',
  canonicalUrl: 'https://blog.example/left-the-cloud/',
  tags: ['Self Hosting', 'Cloud', 'DevOps', 'Fourth'],
  publishStatus: 'draft',
  notifyFollowers: false,
};

test('listens on a loopback port chosen by the OS', () => {
  assert.match(fake.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.ok(fake.port > 0);
  assert.equal(fake.apiBase, `${fake.origin}/v1`);
});

test('GET /me answers the data envelope for a valid token', async () => {
  const response = await call('/me');
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type'), /^application\/json/);
  const body = await json(response);
  assert.deepEqual(Object.keys(body), ['data']);
  assert.equal(body.data.id, ADA.id);
  assert.equal(body.data.username, 'adalovelace');
  assert.equal(body.data.name, 'Ada Lovelace');
  assert.equal(body.data.url, `${fake.origin}/@adalovelace`);
  assert.ok(body.data.imageUrl);
});

test('401 with code 6000 without a token and 6003 for an invalid one', async () => {
  let response = await call('/me', { token: null });
  assert.equal(response.status, 401);
  assert.deepEqual(await json(response), { errors: [{ message: 'An access token is required.', code: 6000 }] });
  response = await call('/me', { token: 'revoked-token' });
  assert.equal(response.status, 401);
  assert.deepEqual(await json(response), { errors: [{ message: 'Token was invalid.', code: 6003 }] });
});

test('publications: the list for your own id, 403 for someone else', async () => {
  let response = await call(`/users/${ADA.id}/publications`);
  assert.equal(response.status, 200);
  const { data } = await json(response);
  assert.deepEqual(data.map((p) => p.id), PUBLICATIONS.map((p) => p.id));
  for (const p of data) assert.deepEqual(Object.keys(p).sort(), ['description', 'id', 'imageUrl', 'name', 'url']);
  response = await call('/users/someone-else/publications');
  assert.equal(response.status, 403);
  assert.ok((await json(response)).errors[0].message);
});

test('contributors give the role: editor, or writer for the writer token', async () => {
  const id = PUBLICATIONS[1].id;
  let { data } = await json(await call(`/publications/${id}/contributors`));
  assert.deepEqual(data, [{ publicationId: id, userId: ADA.id, role: 'editor' }]);
  ({ data } = await json(await call(`/publications/${id}/contributors`, { token: TOKENS.WRITER })));
  assert.equal(data[0].role, 'writer');
});

test('POST /users/{id}/posts: 201 with the created post, as Medium keeps it', async () => {
  const response = await call(`/users/${ADA.id}/posts`, { method: 'POST', body: POST });
  assert.equal(response.status, 201);
  const { data } = await json(response);
  assert.equal(data.title, POST.title);
  assert.equal(data.authorId, ADA.id);
  assert.deepEqual(data.tags, ['Self Hosting', 'Cloud', 'DevOps'], 'only the first three tags');
  assert.equal(data.canonicalUrl, POST.canonicalUrl);
  assert.equal(data.publishStatus, 'draft');
  assert.equal(data.publishedAt, undefined, 'drafts have no publishedAt');
  assert.equal(data.license, 'all-rights-reserved');
  assert.ok(data.url.startsWith(`${fake.origin}/@adalovelace/why-i-left-the-cloud-`));
  // The post's page exists, so "open the Medium URL" can be tested.
  const page = await fetch(data.url);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<h1 id="post-title">Why I left the cloud<\/h1>/);
  assert.equal(fake.posts.length, 1);
  assert.equal(fake.posts[0].content, POST.content);
});

test('public posts get publishedAt; tags over 25 characters and titles over 100 are ignored', async () => {
  const body = { ...POST, publishStatus: 'public', title: 'x'.repeat(101), tags: ['a'.repeat(26), 'ok'] };
  const { data } = await json(await call(`/users/${ADA.id}/posts`, { method: 'POST', body }));
  assert.equal(typeof data.publishedAt, 'number');
  assert.deepEqual(data.tags, ['ok']);
  assert.equal(data.title, 'Untitled story');
});

test('the default publishStatus is public, as on Medium', async () => {
  const { publishStatus, ...body } = POST;
  assert.equal(publishStatus, 'draft');
  const { data } = await json(await call(`/users/${ADA.id}/posts`, { method: 'POST', body }));
  assert.equal(data.publishStatus, 'public');
});

test('records every request: method, path, headers and body', async () => {
  await call(`/users/${ADA.id}/posts`, { method: 'POST', body: POST });
  assert.equal(fake.requests.length, 1);
  const [seen] = fake.requests;
  assert.equal(seen.method, 'POST');
  assert.equal(seen.path, `/v1/users/${ADA.id}/posts`);
  assert.equal(seen.headers.authorization, `Bearer ${TOKENS.VALID}`);
  assert.equal(seen.headers['content-type'], 'application/json');
  assert.deepEqual(seen.json, POST);
});

test('400 names each missing or invalid field', async () => {
  let response = await call(`/users/${ADA.id}/posts`, { method: 'POST', body: { contentFormat: 'rtf' } });
  assert.equal(response.status, 400);
  const messages = (await json(response)).errors.map((e) => e.message);
  assert.deepEqual(messages, ['Missing title.', 'contentFormat must be "html" or "markdown".', 'Missing content.']);
  response = await call(`/users/${ADA.id}/posts`, { method: 'POST', body: { ...POST, publishStatus: 'live' } });
  assert.equal(response.status, 400);
  response = await call(`/users/${ADA.id}/posts`, { method: 'POST', body: '{"title": ' });
  assert.equal(response.status, 400);
  assert.equal(fake.posts.length, 0);
});

test('403 for posting as another user, and for a writer publishing publicly in a publication', async () => {
  let response = await call('/users/not-me/posts', { method: 'POST', body: POST });
  assert.equal(response.status, 403);
  const pub = PUBLICATIONS[0].id;
  response = await call(`/publications/${pub}/posts`, {
    method: 'POST',
    token: TOKENS.WRITER,
    body: { ...POST, publishStatus: 'public' },
  });
  assert.equal(response.status, 403);
  assert.match((await json(response)).errors[0].message, /only create draft/);
  response = await call(`/publications/${pub}/posts`, { method: 'POST', token: TOKENS.WRITER, body: POST });
  assert.equal(response.status, 201);
  assert.equal((await json(response)).data.publicationId, pub);
});

test('404 for unknown endpoints and publications', async () => {
  assert.equal((await call('/nothing')).status, 404);
  assert.equal((await call('/publications/nope/posts', { method: 'POST', body: POST })).status, 404);
});

test('switches: 429 with Retry-After, then normal service', async () => {
  fake.failNext({ status: 429, retryAfter: '120' });
  let response = await call('/me');
  assert.equal(response.status, 429);
  assert.equal(response.headers.get('retry-after'), '120');
  response = await call('/me');
  assert.equal(response.status, 200);
});

test('switches: 500 for a number of requests, and a garbage body', async () => {
  fake.failNext({ status: 500, times: 2 });
  assert.equal((await call('/me')).status, 500);
  assert.equal((await call('/me')).status, 500);
  assert.equal((await call('/me')).status, 200);
  fake.failNext({ status: 201, body: '<html>not json</html>' });
  const response = await call(`/users/${ADA.id}/posts`, { method: 'POST', body: POST });
  assert.equal(response.status, 201);
  assert.equal(await response.text(), '<html>not json</html>');
});

test('switches: a slow answer trips a client timeout; a hang-up is a network error', async () => {
  fake.failNext({ delayMs: 1500 });
  await assert.rejects(call('/me', { signal: AbortSignal.timeout(200) }), { name: 'TimeoutError' });
  fake.clear();
  fake.failNext({ hangUp: true });
  await assert.rejects(call('/me'), TypeError);
  assert.equal((await call('/me')).status, 200);
});

test('the fake editor has Medium\'s structure, and its modes', async () => {
  let page = await (await fetch(fake.editorUrl())).text();
  assert.match(page, /class="postArticle-content[^"]*" contenteditable="true"/);
  assert.match(page, /h3 class="graf graf--h3 graf--title" data-testid="editorTitleParagraph"/);
  assert.match(page, /p class="graf graf--p graf--trailing" data-testid="editorParagraphText"/);
  assert.match(page, /clipboardData/);
  page = await (await fetch(fake.editorUrl('ignore-paste', { delayMs: 500 }))).text();
  assert.match(page, /data-mode="ignore-paste"/);
  assert.match(page, /const delay = 500;/);
  assert.equal(fake.requests.length, 0, 'editor pages are not API requests');
});

test('switches: a rule with a path waits for a request to that path', async () => {
  fake.failNext({ status: 500, path: '/posts' });
  assert.equal((await call('/me')).status, 200, 'GET /me is not the request the rule is for');
  assert.equal((await call(`/users/${ADA.id}/posts`, { method: 'POST', body: POST })).status, 500);
  assert.equal((await call(`/users/${ADA.id}/posts`, { method: 'POST', body: POST })).status, 201);
});

test('switches: a rule for every request until the fake is back to normal', async () => {
  fake.failNext({ hangUp: true, times: Infinity });
  for (let i = 0; i < 3; i += 1) await assert.rejects(call('/me'), TypeError);
  fake.normal();
  assert.equal((await call('/me')).status, 200);
});

test('switches: a refused port, then service again on the same port', async () => {
  await fake.refuseConnections();
  await assert.rejects(call('/me'), TypeError);
  await fake.acceptConnections();
  assert.equal((await call('/me')).status, 200);
});

test('the editor mode can be set for the plain /new-story address the extension opens', async () => {
  fake.setEditorMode('no-editor', { delayMs: 250 });
  let page = await (await fetch(`${fake.origin}/new-story`)).text();
  assert.match(page, /data-mode="no-editor"/);
  assert.match(page, /const delay = 250;/);
  page = await (await fetch(fake.editorUrl('normal'))).text();
  assert.match(page, /data-mode="normal"/, 'an explicit mode in the address wins');
  fake.clear();
  page = await (await fetch(`${fake.origin}/new-story`)).text();
  assert.match(page, /data-mode="normal"/);
});

test('the import page has a box for the post address; page requests are recorded apart', async () => {
  const response = await fetch(fake.importUrl, { headers: { 'X-Probe': 'import' } });
  assert.equal(response.status, 200);
  assert.match(await response.text(), /<input id="import-url"/);
  assert.equal(fake.requests.length, 0);
  assert.equal(fake.pageRequests.length, 1);
  assert.equal(fake.pageRequests[0].url, fake.importUrl);
  assert.equal(fake.pageRequests[0].headers['x-probe'], 'import');
});
