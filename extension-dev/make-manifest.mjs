// Writes one browser's manifest.json from the top-level manifest.json (the single source).
// Usage: node extension-dev/make-manifest.mjs chrome|firefox OUT_FILE [--test]
// Chrome takes background.service_worker and ignores browser_specific_settings; Firefox takes
// background.scripts (an event page) and the gecko settings. --test adds the host permission the
// browser tests use to capture fixture pages on 127.0.0.1 without a user gesture, and lets the
// Medium editor content script run on the fake editor.
import { readFileSync, writeFileSync } from 'node:fs';

const [browser, outFile, ...flags] = process.argv.slice(2);
if (!['chrome', 'firefox'].includes(browser) || !outFile) {
  console.error('usage: make-manifest.mjs chrome|firefox OUT_FILE [--test]');
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(new URL('../manifest.json', import.meta.url), 'utf8'));
const { service_worker: serviceWorker, scripts, type } = manifest.background;

if (browser === 'chrome') {
  manifest.background = { service_worker: serviceWorker, type };
  delete manifest.browser_specific_settings;
} else {
  manifest.background = { scripts, type };
  delete manifest.minimum_chrome_version;
}
if (flags.includes('--test')) {
  manifest.host_permissions = [...(manifest.host_permissions ?? []), 'http://127.0.0.1/*'];
  // The fake Medium editor (tests/fake-medium) is served on 127.0.0.1 at /new-story.
  for (const script of manifest.content_scripts ?? []) {
    if (script.js.includes('medium-editor.js')) script.matches.push('http://127.0.0.1/new-story*');
  }
}
writeFileSync(outFile, JSON.stringify(manifest, null, 2) + '\n');
