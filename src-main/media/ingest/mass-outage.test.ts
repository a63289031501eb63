// 64 cameras on one server, the server goes away and comes back: the hub's attempts reach the
// camera at no more than 10 in any second (counted at the server's accepts), and every camera
// is live again within the backoff ceiling plus the limiter's ramp, and stays live.
// Real parts: the demo RTSP server (in a process of its own, as a camera is), RtspProducer /
// RtspSession, the StreamHub with its default limiter; only the backoff ladder is shortened
// (ceiling 4 s) so the test reaches its ceiling within a short outage.
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startTsChild } from '../../testing/process/ts-child.js';
import { StreamHub, type HubStatus } from '../hub/index.js';
import { AuthLockout } from '../rtsp/auth-lockout.js';
import { RtspProducer } from './rtsp-producer.js';

const CAMERAS = 64;
const LIMIT_PER_SECOND = 10;
const WINDOW_MS = 1100; // the limiter's default window
const BACKOFF_CEILING_MS = 4000;
const OUTAGE_MS = 8000;
/** Grants after the first: ceil(64 / 10) - 1 further windows. */
const RAMP_MS = (Math.ceil(CAMERAS / LIMIT_PER_SECOND) - 1) * WINDOW_MS;
/** Connect, OPTIONS ... PLAY and the first keyframe on loopback (the demo server starts at a keyframe). */
const SETUP_MS = 1000;

const serverEntry = fileURLToPath(new URL('../../testing/rtsp/demo-server-child.ts', import.meta.url));
const cleanup: Array<() => unknown> = [];

afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function mostInAnyWindow(times: readonly number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (j < sorted.length && sorted[j] - sorted[i] < ms) j++;
    most = Math.max(most, j - i);
  }
  return most;
}

async function until(what: string, ms: number, ok: () => boolean): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('mass outage', () => {
  it('64 cameras: <= 10 accepts in any second, all live again within ceiling + ramp, none dropping afterwards', async () => {
    const server = await startTsChild(serverEntry, [String(CAMERAS)]);
    cleanup.push(() => server.stop());
    const { port } = await server.request<{ port: number }>({ cmd: 'start' });
    const accepts = async () => (await server.request<{ accepts: number[] }>({ cmd: 'accepts' })).accepts;
    const lockout = new AuthLockout();
    const hub = new StreamHub({
      backoff: { maxMs: BACKOFF_CEILING_MS },
      producerFactory: (key) => new RtspProducer({ url: `rtsp://127.0.0.1:${port}/${key}`, lockout, timeoutMs: 5000 }),
    });
    cleanup.push(() => hub.close());
    const lastSampleAt = new Map<string, number>();
    const drops: HubStatus[] = [];
    hub.onStatus((s) => {
      if (s.state === 'reconnecting') drops.push(s);
    });
    for (let i = 0; i < CAMERAS; i++) {
      const key = `cam${i}`;
      hub.subscribe(key, { onTracks: () => undefined, onSample: () => void lastSampleAt.set(key, Date.now()) });
    }
    const liveSince = (t: number) => [...lastSampleAt.values()].filter((at) => at >= t).length;

    const t0 = Date.now();
    await until('all cameras live at start', 30_000, () => liveSince(t0) === CAMERAS);
    const firstUp = Date.now() - t0;
    expect(mostInAnyWindow(await accepts(), 1000)).toBeLessThanOrEqual(LIMIT_PER_SECOND);

    await server.request({ cmd: 'stop' });
    const down = Date.now();
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    await server.request({ cmd: 'start', port });
    const restart = Date.now();
    await until('all cameras live after the restart', BACKOFF_CEILING_MS + RAMP_MS + SETUP_MS + 10_000, () => liveSince(restart) === CAMERAS);
    const recovery = Date.now() - restart;
    const restarted = await accepts();

    drops.length = 0;
    const settled = Date.now();
    await new Promise((r) => setTimeout(r, 5000));
    const stillLive = liveSince(Date.now() - 1000);

    console.log(`[mass-outage] start-up ${firstUp} ms; outage ${restart - down} ms; recovery ${recovery} ms (bound ${BACKOFF_CEILING_MS + RAMP_MS + SETUP_MS}); accepts after restart ${restarted.length}, most in 1 s ${mostInAnyWindow(restarted, 1000)}; attempts ${hub.stats().attempts}`);
    expect(mostInAnyWindow(restarted, 1000)).toBeLessThanOrEqual(LIMIT_PER_SECOND);
    expect(restarted.length).toBe(CAMERAS); // one connection per camera: no attempt wasted, none doubled
    expect(recovery).toBeLessThanOrEqual(BACKOFF_CEILING_MS + RAMP_MS + SETUP_MS);
    expect(drops.filter((d) => d.since >= settled)).toEqual([]);
    expect(stillLive).toBe(CAMERAS);
  }, 90_000);
});
