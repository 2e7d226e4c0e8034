import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import jsxA11y from 'eslint-plugin-jsx-a11y-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y-x': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Accessibility, checked at the source (axe-core checks the rendered page in the end-to-end tests).
      ...jsxA11y.configs.strict.rules,
      // A scrolling region must be reachable by keyboard (axe: scrollable-region-focusable).
      'jsx-a11y-x/no-noninteractive-tabindex': ['error', { roles: ['tabpanel', 'region'] }],
      // The renderer reaches the host only through its client; Node and Electron are not there.
      'no-restricted-imports': ['error', { patterns: ['node:*', 'electron', '../main/*', '../../main/*'] }],
      // Electron denies a page's own clipboard writes (the app grants no permissions): copy through
      // host/desktop.ts, which uses the host's clipboard in the desktop app and the browser's in web mode.
      'no-restricted-properties': [
        'error',
        {
          object: 'navigator',
          property: 'clipboard',
          message: 'use writeClipboard/readClipboard from host/desktop.ts',
        },
      ],
    },
  },
  {
    files: ['src/renderer/host/desktop.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Raw IPC stays in the two binding modules, as in GitHub Desktop: everything else goes through the contract.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/main/electron/ipc.ts', 'src/preload/index.ts', 'src/renderer/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportSpecifier[imported.name='ipcMain']",
          message: 'bind IPC in src/main/electron/ipc.ts only',
        },
        {
          selector: "ImportSpecifier[imported.name='ipcRenderer']",
          message: 'use ipcRenderer in the preload only',
        },
      ],
    },
  },
);
