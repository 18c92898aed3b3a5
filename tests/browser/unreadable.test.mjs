// Which tab addresses the popup refuses up front, with a message saying what to do (plain Node:
// the function is pure; the browsers' own refusal is covered in chromium.test.mjs).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { originPattern, unreadableReason } from '../../extension/capture.js';

test('browser-internal, store, source, file and PDF pages are refused with a reason', () => {
  const cases = {
    'chrome://extensions/': /browser page \(chrome:\)/,
    'about:addons': /browser page \(about:\)/,
    'edge://settings': /browser page/,
    'moz-extension://abc/popup.html': /browser page/,
    'view-source:https://blog.example/post': /source view/,
    'https://chromewebstore.google.com/detail/x': /add-on store/,
    'https://addons.mozilla.org/en-US/firefox/': /add-on store/,
    'file:///home/me/post.html': /Allow access to file URLs/,
    'https://blog.example/papers/talk.PDF': /PDF/,
  };
  for (const [url, reason] of Object.entries(cases)) {
    const message = unreadableReason(url);
    assert.match(message ?? '', reason, url);
    assert.match(message, /try again|publish the post|Or publish/i, `${url}: says what to do`);
  }
});

test('ordinary blog addresses are readable', () => {
  for (const url of ['https://blog.example/2024/05/post/', 'http://127.0.0.1:8080/p.html', 'https://blog.example/pdf-tips/']) {
    assert.equal(unreadableReason(url), null, url);
  }
  assert.equal(unreadableReason(undefined), null, 'unknown address: let the browser decide');
});

test('a linked post asks only for its own origin', () => {
  assert.equal(originPattern('https://blog.example:8443/2024/post?x=1#y'), 'https://blog.example/*');
  assert.equal(originPattern('http://127.0.0.1:9000/p'), 'http://127.0.0.1/*');
});
