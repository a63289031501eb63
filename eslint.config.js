// Lint keeps the dependency directions true (see docs/ARCHITECTURE.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const node = ['node:*', 'fs', 'path', 'os', 'crypto', 'net', 'http', 'https', 'child_process', 'stream', 'events', 'url', 'util', 'dgram', 'tls', 'zlib', 'buffer', 'worker_threads'];
const raw = (name) => ({ name, importNames: ['ipcRenderer', 'ipcMain'], message: 'Use the IPC wrappers (src-main/ipc, src-main/preload); raw ipcRenderer/ipcMain only there.' });

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.tmp/**', 'e2e/fixtures/**/*.js', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { paths: [raw('electron')] }],
    },
  },
  {
    files: ['src-main/common/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron', 'ws', ...node.filter((n) => !n.includes('*'))], patterns: [{ group: ['node:*'], message: 'common/ imports nothing from node' }] }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer'],
    },
  },
  {
    files: ['src-main/media/**', 'src-main/devices/**', 'src-main/storage/**', 'src-main/demo/**', 'src-main/export/**', 'src-main/services/**', 'src-main/host/**', 'src-main/ipc/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only src-main/app and src-main/preload import electron.' }] }] },
  },
  {
    files: ['src-main/app/**', 'src-main/preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src-renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer never imports electron; use src-renderer/services.' }, ...node.filter((n) => !n.includes('*'))],
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a sandbox: no node modules.' },
            { group: ['**/src-main/*', '!**/src-main/common', '**/src-main/!(common)/**'], message: 'The renderer may import only src-main/common.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/!(services)/**'],
    ignores: ['src-renderer/**/*.test.ts', 'src-renderer/**/*.test.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer never imports electron.' }],
          patterns: [
            { group: ['**/services/bridge-types*', '**/services/ws-bridge*'], message: 'Only src-renderer/services touches the bridge.' },
            { group: ['node:*'], message: 'The renderer runs in a sandbox: no node modules.' },
            { group: ['**/src-main/!(common)/**'], message: 'The renderer may import only src-main/common.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/ui/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/store/**', '**/services/**'], message: 'ui/ is presentational: no store, no services.' }] }] },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**', 'build/**', '**/*.config.*'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-globals': 'off' },
  },
);
