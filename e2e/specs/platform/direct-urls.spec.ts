// County-platform URLs (ZLMediaKit behind WVP) play in tiles as they are: ws-flv and http-flv
// and MPEG-TS through mpegts.js, HLS through video.js. The platform is a fake media server in
// this test process (e2e/support/fake-platform) serving the demo clip live.
import { expect, test as appTest } from '../../support/app-fixture.js';
import { connectContract } from '../../support/contract-client.js';
import { startFakePlatform, type FakePlatform, type StreamUrls, type ViewerKind } from '../../support/fake-platform/index.js';
import { showPlatformUrls, watchConsole } from '../../support/fake-platform/platform-scene.js';
import { expectAdvancing, sampleTiles } from '../../support/video-probe.js';

const test = appTest.extend<{ platform: FakePlatform }>({
  // eslint-disable-next-line no-empty-pattern
  platform: async ({}, use) => {
    const platform = await startFakePlatform();
    await use(platform);
    await platform.stop();
  },
});

test.use({ hostOnly: true });

const CASES: { kind: ViewerKind; field: keyof Pick<StreamUrls, 'ws_flv' | 'flv' | 'ts' | 'hls'>; timeoutMs: number }[] = [
  { kind: 'flv-ws', field: 'ws_flv', timeoutMs: 15_000 },
  { kind: 'flv-http', field: 'flv', timeoutMs: 15_000 },
  { kind: 'mpegts', field: 'ts', timeoutMs: 15_000 },
  // HLS lags by whole segments (1 s each here) and video.js waits for a few: seconds, not ms.
  { kind: 'hls', field: 'hls', timeoutMs: 25_000 },
];

for (const c of CASES) {
  test(`a platform ${c.kind} URL plays live in a tile`, async ({ app, platform }) => {
    test.setTimeout(c.timeoutMs + 20_000);
    const consoleLines = watchConsole(app.page);
    const contract = await connectContract(app.host!.url);
    try {
      const shownAt = Date.now();
      await showPlatformUrls(contract, [platform.urls('34020000001320000001_34020000001310000001')[c.field]]);
      const tile = app.page.getByTestId('tile');
      await expect(tile).toHaveCount(1);
      await expect(tile.first()).toHaveAttribute('data-state', 'live', { timeout: c.timeoutMs });
      console.log(`[${c.kind}] tile live ${Date.now() - shownAt} ms after the wall was saved`);
      const { after } = await expectAdvancing(app.page, [0], c.timeoutMs);
      expect(after[0]!.width).toBe(640);
      // The pictures came from the platform by this transport, not from anywhere else.
      expect(platform.viewers()[c.kind]).toBeGreaterThanOrEqual(1);
      expect(consoleLines().filter((l) => /Content Security Policy|CORS/i.test(l))).toEqual([]);
    } finally {
      contract.close();
    }
  });
}

const sevenStreams = (platform: FakePlatform, field: 'ws_flv' | 'flv'): string[] =>
  Array.from({ length: 7 }, (_, i) => platform.urls(`3402000000132000000${i + 1}_34020000001310000001`)[field]);
const SEVEN = [0, 1, 2, 3, 4, 5, 6];
/** Long enough for a seventh connection to have been served if the browser were going to. */
const GRACE_FOR_A_LATE_CONNECTION_MS = 5000;

test('seven ws-flv tiles from one platform host all play', async ({ app, platform }) => {
  test.setTimeout(45_000);
  const contract = await connectContract(app.host!.url);
  try {
    await showPlatformUrls(contract, sevenStreams(platform, 'ws_flv'), { rows: 3, cols: 3 });
    await expect(app.page.getByTestId('tile')).toHaveCount(9);
    await expectAdvancing(app.page, SEVEN, 20_000);
    for (const i of SEVEN) await expect(app.page.getByTestId('tile').nth(i)).toHaveAttribute('data-state', 'live');
    expect(platform.viewers()['flv-ws']).toBe(7);
  } finally {
    contract.close();
  }
});

// KNOWN GAP, pinned down so it cannot pass unnoticed: Chromium (and so Electron) opens at most
// six HTTP/1.1 connections per host:port, and an http-flv body never ends, so the seventh
// tile's request waits in the browser forever (its player times out with no_data and re-opens
// into the same queue). The server sees six viewers: the limit is the browser's. When the app
// routes http-flv around it (ws_flv from the platform, or a relay in the main process), this
// test fails: change it to expect all seven live. See docs/platform-streams.md.
test('seven http-flv tiles from one platform host: six play, the seventh waits for a browser connection', async ({ app, platform }) => {
  test.setTimeout(45_000);
  const contract = await connectContract(app.host!.url);
  try {
    await showPlatformUrls(contract, sevenStreams(platform, 'flv'), { rows: 3, cols: 3 });
    await expect(app.page.getByTestId('tile')).toHaveCount(9);
    await expect.poll(() => platform.viewers()['flv-http'], { timeout: 15_000 }).toBe(6);
    await app.page.waitForTimeout(GRACE_FOR_A_LATE_CONNECTION_MS);
    const samples = await sampleTiles(app.page);
    const playing = SEVEN.filter((i) => samples[i]!.frames > 0);
    const waiting = SEVEN.filter((i) => samples[i]!.frames === 0);
    expect(playing).toHaveLength(6);
    expect(waiting).toHaveLength(1);
    await expectAdvancing(app.page, playing, 15_000);
    expect(samples[waiting[0]!]!.state).not.toBe('live');
    expect(platform.viewers()['flv-http']).toBe(6);
  } finally {
    contract.close();
  }
});

// What the tile says while the platform is gone. mpegts.js sees the connection drop and the
// tile re-opens with backoff ('reconnecting'). video.js retries its only playlist by itself, so
// an HLS tile shows 'stalled' (8 s without new frames) and re-opens only after 30 s without
// data; a short outage heals in place. Measured numbers: docs/platform-streams.md.
const RESTART_CASES: { kind: ViewerKind; field: keyof Pick<StreamUrls, 'ws_flv' | 'flv' | 'ts' | 'hls'>; whileGone: 'reconnecting' | 'stalled' }[] = [
  { kind: 'flv-ws', field: 'ws_flv', whileGone: 'reconnecting' },
  { kind: 'flv-http', field: 'flv', whileGone: 'reconnecting' },
  { kind: 'mpegts', field: 'ts', whileGone: 'reconnecting' },
  { kind: 'hls', field: 'hls', whileGone: 'stalled' },
];

for (const c of RESTART_CASES) {
  test(`a ${c.kind} tile says '${c.whileGone}' while the platform is gone, and plays again when it is back`, async ({ app }) => {
    test.setTimeout(60_000);
    let platform = await startFakePlatform();
    const port = platform.port;
    const contract = await connectContract(app.host!.url);
    const tile = app.page.getByTestId('tile').first();
    try {
      await showPlatformUrls(contract, [platform.urls('34020000001320000001_34020000001310000001')[c.field]]);
      await expectAdvancing(app.page, [0]);
      await expect(tile).toHaveAttribute('data-state', 'live');

      await platform.stop();
      const goneAt = Date.now();
      await expect(tile).toHaveAttribute('data-state', c.whileGone, { timeout: 15_000 });
      const leftLiveMs = Date.now() - goneAt;

      platform = await startFakePlatform({ port });
      const backAt = Date.now();
      await expect(tile).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
      const liveAgainMs = Date.now() - backAt;
      await expectAdvancing(app.page, [0]);
      expect(platform.viewers()[c.kind]).toBeGreaterThanOrEqual(1);
      test.info().annotations.push({ type: 'timing', description: `${c.kind}: left live ${leftLiveMs} ms after the platform went away, live again ${liveAgainMs} ms after it came back` });
      console.log(`[restart ${c.kind}] left live after ${leftLiveMs} ms, live again ${liveAgainMs} ms after the platform came back`);
    } finally {
      contract.close();
      await platform.stop();
    }
  });
}
