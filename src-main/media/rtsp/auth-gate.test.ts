// A camera that accepts TCP and never answers must not hold up other cameras on the same
// address: the login gate serializes only attempts that carry unverified credentials, per host
// and port, and a hung attempt releases it at its timeout.
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoRtspServer, type DemoRtspServer } from '../../demo/rtsp/index.js';
import { type FakeRtspServer, startFakeRtspServer } from '../../testing/rtsp/session-kit.js';
import { AuthLockout } from './auth-lockout.js';
import { RtspSession } from './rtsp-session.js';

const HUNG_TIMEOUT_MS = 1500;
const cleanup: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((c) => c()));
});

async function hungCamera(): Promise<FakeRtspServer> {
  const s = await startFakeRtspServer(() => undefined); // reads requests, never answers
  cleanup.push(() => s.close());
  return s;
}

async function demo(auth?: { username: string; password: string }): Promise<DemoRtspServer> {
  const s = await startDemoRtspServer(auth ? { auth: { ...auth, scheme: 'digest' } } : {});
  cleanup.push(() => s.close());
  return s;
}

/** Starts the hung attempts first, then the good one; returns when each happened, relative to t0. */
async function race(hungUrls: string[], goodUrl: string, creds: { username?: string; password?: string }) {
  const lockout = new AuthLockout();
  const t0 = Date.now();
  const hungEnds: number[] = [];
  const hung = hungUrls.map((url) => {
    const s = new RtspSession({ url, ...creds, lockout, timeoutMs: HUNG_TIMEOUT_MS });
    cleanup.push(() => s.stop());
    return s.start().then(
      () => hungEnds.push(-1),
      () => hungEnds.push(Date.now() - t0),
    );
  });
  const good = new RtspSession({ url: goodUrl, ...creds, lockout, timeoutMs: 10_000 });
  cleanup.push(() => good.stop());
  const firstFrame = new Promise<number>((resolve) => good.once('sample', () => resolve(Date.now() - t0)));
  await good.start();
  const goodAt = await firstFrame;
  await Promise.all(hung);
  return { goodAt, hungEnds };
}

describe('login gate', () => {
  it('no credentials: three hung cameras on another port do not delay the good one', async () => {
    const good = await demo();
    const hung = await Promise.all([hungCamera(), hungCamera(), hungCamera()]);
    const { goodAt, hungEnds } = await race(
      hung.map((h) => `rtsp://127.0.0.1:${h.port}/live`),
      good.url('/demo/h264'),
      {},
    );
    expect(hungEnds).toHaveLength(3);
    expect(hungEnds.every((t) => t >= HUNG_TIMEOUT_MS)).toBe(true);
    expect(goodAt).toBeLessThan(Math.min(...hungEnds)); // first frame before any hung attempt gave up
  });

  it('same credentials, other port: the hung cameras do not hold the good one', async () => {
    const creds = { username: 'admin', password: 'secret1' };
    const good = await demo(creds);
    const hung = await Promise.all([hungCamera(), hungCamera(), hungCamera()]);
    const { goodAt, hungEnds } = await race(
      hung.map((h) => `rtsp://127.0.0.1:${h.port}/live`),
      good.url('/demo/h264'),
      creds,
    );
    expect(goodAt).toBeLessThan(Math.min(...hungEnds));
  });

  it('same credentials, same port, a server that never answers: each hung attempt releases the gate at its timeout', async () => {
    const hung = await hungCamera();
    const lockout = new AuthLockout();
    const t0 = Date.now();
    const ends = await Promise.all(
      [0, 1, 2].map((i) =>
        new RtspSession({ url: `rtsp://127.0.0.1:${hung.port}/live${i}`, username: 'admin', password: 'x', lockout, timeoutMs: HUNG_TIMEOUT_MS }).start().then(
          () => -1,
          () => Date.now() - t0,
        ),
      ),
    );
    // Never challenged, so never gated: all three time out together, not one after another.
    expect(Math.max(...ends)).toBeLessThan(2 * HUNG_TIMEOUT_MS);
  });
});
