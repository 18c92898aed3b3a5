// Replaces extension/test-config.js in the test build (dist-test) only.
export default {
  test_build: true,
};
