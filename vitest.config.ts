import { defineConfig } from 'vitest/config';
import { ALIASES } from './build/aliases.mjs';

export default defineConfig({
  resolve: { alias: ALIASES },
  test: {
    include: ['src-main/**/*.test.ts', 'src-renderer/**/*.test.{ts,tsx}', 'build/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // An uncaught exception or unhandled rejection anywhere in a run fails it, even when every
    // assertion passed: "no request, packet or file can end the main process" is tested here too.
    dangerouslyIgnoreUnhandledErrors: false,
  },
});
