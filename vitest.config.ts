import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // CI asks for a JSON report too, to print one plain "N passed, N failed" line.
    reporters: process.env.LATCHKEY_TEST_RESULTS ? ['default', 'json'] : ['default'],
    outputFile: process.env.LATCHKEY_TEST_RESULTS ? { json: process.env.LATCHKEY_TEST_RESULTS } : {},
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // One Chromium at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
