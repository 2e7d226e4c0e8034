import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import { rendererConfig } from './vite.renderer.config.ts';

export default defineConfig({
  main: {
    build: {
      // The web host (`npm run web`) is bundled beside the Electron main: one build, and no type
      // stripping of ~60 source files at every start.
      rollupOptions: {
        input: { index: resolve('src/main/electron/main.ts'), web: resolve('src/main/web/cli.ts') },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require only 'electron' and a few Node built-ins, so everything it imports
      // is bundled in (only the runtime-free contract-names.ts: no zod), and the output must be CommonJS.
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
