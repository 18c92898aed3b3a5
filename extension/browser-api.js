// The browser's extension API under one name: Firefox's `browser`, else Chromium's `chrome` (both
// promise-based in Manifest V3). Every module of the shell reaches the browser through `api`.
export const api = globalThis.browser ?? globalThis.chrome;
