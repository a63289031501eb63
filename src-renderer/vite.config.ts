import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { ALIASES } from '../build/aliases.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  resolve: { alias: ALIASES },
  build: {
    outDir: path.resolve(here, '../dist/renderer'),
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome120',
    // One CSP-friendly bundle: no inline scripts or styles.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
