import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // timing tests (5 MB documents, streaming exports) must not share the two cores with other test files
    fileParallelism: false,
    // the page is built once for every browser test file
    globalSetup: ['test/web/build-page-once.ts'],
  },
});
