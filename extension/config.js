// Where Medium lives. The test build replaces test-config.js to point these at local fakes.
import testConfig from './test-config.js';

export const config = Object.freeze({
  medium_api_base: 'https://api.medium.com/v1',
  medium_editor_url: 'https://medium.com/new-story',
  medium_import_url: 'https://medium.com/p/import',
  test_build: false,
  ...testConfig,
});
