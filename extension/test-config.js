// Overrides for config.js. Empty in the published extension; the test build (dist-test) replaces
// this file with tests/browser/test-config.js.
export default {};
