import { defineConfig } from 'vitest/config';
import { ALIASES } from './build/aliases.mjs';

// Tests that load the machine on purpose (a 50 MB/s hostile stream, 64 cameras reconnecting).
// Beside timing-sensitive tests (GStreamer's real-time x265, the ffmpeg transcode) they starve
// them, so `npm test` runs them in a second pass of their own (SKYWALL_TESTS=load).
const LOAD_TESTS = ['src-main/media/ingest/hostile-memory.test.ts', 'src-main/media/ingest/mass-outage.test.ts'];
const loadPass = process.env.SKYWALL_TESTS === 'load';

export default defineConfig({
  resolve: { alias: ALIASES },
  test: {
    include: loadPass ? LOAD_TESTS : ['src-main/**/*.test.ts', 'src-renderer/**/*.test.{ts,tsx}', 'build/**/*.test.ts'],
    exclude: loadPass ? [] : LOAD_TESTS,
    fileParallelism: !loadPass,
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // One process per file, although starting them costs more than the tests (D46): shared
    // module state let one file's leftovers fail another.
    // An uncaught exception or unhandled rejection anywhere in a run fails it, even when every
    // assertion passed: "no request, packet or file can end the main process" is tested here too.
    dangerouslyIgnoreUnhandledErrors: false,
  },
});
