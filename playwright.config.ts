import { defineConfig } from '@playwright/test';

// Specs whose promises are about timing on a real clock (a stall shown within 2 s, a PTZ stop
// within 500 ms, a hub grace, no black frame on a switch, a replay 30 s behind live) or that
// load both cores on their own (16 live tiles, ffmpeg re-encodes). `npm test` runs them in a pass of their own, one at a
// time; the others share the machine two at a time, since most of their time is spent waiting
// on real cameras and clocks. Without SKYWALL_E2E_PASS every spec runs, one at a time.
export const ALONE = [
  'tile/honest-tiles.spec.ts',
  'tile/only-seen.spec.ts',
  'tile/tour.spec.ts',
  'tile/overload.spec.ts',
  'tile/camera-change.spec.ts',
  'export/instant-replay.spec.ts',
  'ptz/',
  'wall/transcode.spec.ts',
  'wall/recovery.spec.ts',
  'wall/wall-16-restart.spec.ts',
  'wall/host-restart.spec.ts',
  'wall/wall-tour.spec.ts',
].map((p) => `**/specs/${p}${p.endsWith('/') ? '**' : ''}`);

const pass = process.env.SKYWALL_E2E_PASS;

export default defineConfig({
  testDir: 'e2e/specs',
  timeout: 60_000,
  retries: 0,
  workers: pass === 'shared' ? 2 : 1,
  ...(pass === 'shared' ? { testIgnore: ALONE } : pass === 'alone' ? { testMatch: ALONE } : {}),
  reporter: [['list']],
  use: { trace: 'off' },
});
