// Lint keeps the dependency directions true (see docs/ARCHITECTURE.md). The layer table lives
// in build/lint/layers.mjs and is enforced by one rule, `skywall/layers`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import skywall from './build/lint/layers-plugin.mjs';

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
    },
  },
  {
    files: ['src-main/**/*.{ts,tsx,mts,js,mjs}', 'src-renderer/**/*.{ts,tsx,mts,js,mjs}'],
    ignores: ['**/*.config.*'],
    plugins: { skywall },
    rules: { 'skywall/layers': 'error' },
  },
  {
    files: ['src-main/common/**'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer'] },
  },
);
