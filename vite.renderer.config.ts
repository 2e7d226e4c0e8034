import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import type { Plugin, UserConfig } from 'vite';
import { CSP_META_TAG } from './src/shared/csp.ts';
import { SECRET_META_PLACEHOLDER } from './src/shared/web-protocol.ts';

const root = fileURLToPath(new URL('./src/renderer', import.meta.url));

/**
 * Writes the page's CSP and the web-mode secret placeholder into index.html from the modules the web host
 * reads too, so the policy and the tag are written once. The marker comment is replaced, right after the
 * charset (a CSP meta tag covers only what comes after it).
 */
function headMetaPlugin(): Plugin {
  return {
    name: 'latchkey-head-meta',
    transformIndexHtml(html) {
      const marker = /^([ \t]*)<!-- latchkey:head-meta[^>]*-->/m.exec(html);
      if (!marker) throw new Error('index.html has no "<!-- latchkey:head-meta -->" marker for the CSP');
      const indent = marker[1] ?? '';
      return html.replace(marker[0], `${indent}${CSP_META_TAG}\n${indent}${SECRET_META_PLACEHOLDER}`);
    },
  };
}

/** The renderer build, shared by electron-vite (desktop) and `npm run build:renderer` (web mode, tests). */
export const rendererConfig: UserConfig = {
  root,
  base: './',
  plugins: [react(), headMetaPlugin()],
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    // electron-vite turns minifying off by default; the renderer is what a person waits for, so it is minified
    // (Vite's own minifier, as `vite build` does). React's production build comes from Vite's build mode,
    // which defines process.env.NODE_ENV as "production" (test/build/bundles.test.ts checks both).
    minify: true,
    // Inline scripts would be blocked by our CSP; keep every asset a file.
    assetsInlineLimit: 0,
  },
};

export default rendererConfig;
