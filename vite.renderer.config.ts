import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import type { UserConfig } from 'vite';

const root = fileURLToPath(new URL('./src/renderer', import.meta.url));

/** The renderer build, shared by electron-vite (desktop) and `npm run build:renderer` (web mode, tests). */
export const rendererConfig: UserConfig = {
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    // Inline scripts would be blocked by our CSP; keep every asset a file.
    assetsInlineLimit: 0,
  },
};

export default rendererConfig;
