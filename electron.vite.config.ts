import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import { rendererConfig } from './vite.renderer.config.ts';

export default defineConfig({
  main: {
    build: {
      rollupOptions: { input: { index: resolve('src/main/electron/main.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require only 'electron' and a few Node built-ins, so zod (used by the
      // contract) must be bundled in, and the output must be CommonJS.
      externalizeDeps: false,
      rollupOptions: {
        external: ['electron'],
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig,
});
