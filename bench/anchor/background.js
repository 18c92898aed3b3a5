// Empty: it only gives the anchor a service worker, through which bench/cold.mjs learns its id in
// Chromium (cold.mjs drops it from the Firefox copy, which needs none).
