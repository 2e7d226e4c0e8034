import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Slow and fault tests (SIGKILL loops, the 4-process lock race, the Python cross-check) are named
// *.stress.test.ts: `npm test` runs them, `npm run test:unit` leaves them to `npm run test:stress`.
const STRESS = 'test/**/*.stress.test.ts';

export default defineConfig({
  test: {
    // CI asks for a JSON report too, to print one plain "N passed, N failed" line.
    reporters: process.env.LATCHKEY_TEST_RESULTS ? ['default', 'json'] : ['default'],
    outputFile: process.env.LATCHKEY_TEST_RESULTS ? { json: process.env.LATCHKEY_TEST_RESULTS } : {},
    projects: [
      {
        // Rebuilds out/ (npm start with a stand-in Electron), so it runs alone, before the groups that read out/.
        test: {
          name: 'launch',
          include: ['test/scripts/electron-cli.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          // Tests of the built output run after a build: `npm test`, `npm run test:build`.
          exclude: [
            'test/e2e/**',
            'test/build/**',
            'test/renderer/**',
            'test/scripts/electron-cli.test.ts',
            STRESS,
          ],
          globalSetup: ['test/global-setup.ts'],
          environment: 'node',
          testTimeout: 30_000,
          // electron-store imports 'electron' itself: inline it so the tests' thin Electron stand-in reaches it.
          server: { deps: { inline: ['electron-store'] } },
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'stress',
          include: [STRESS],
          globalSetup: ['test/global-setup.ts'],
          environment: 'node',
          testTimeout: 240_000,
          server: { deps: { inline: ['electron-store'] } },
          sequence: { groupOrder: 1 },
        },
      },
      {
        // React components in a simulated DOM, over a fake host transport (test/renderer/helpers/fake-host.ts).
        plugins: [react()],
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['test/renderer/setup.ts'],
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'build',
          include: ['test/build/**/*.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'e2e',
          globalSetup: ['test/global-setup.ts'],
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          sequence: { groupOrder: 1 },
          hookTimeout: 90_000,
          // One Chromium at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
