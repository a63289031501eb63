// 64 cameras on one server, the server goes away and comes back: the hub's attempts reach the
// camera at no more than 10 in any second (counted at the server's accepts), and every camera
// is live again within the backoff ceiling plus the limiter's ramp, and stays live.
// Real parts: the demo RTSP server (in a process of its own, as a camera is), RtspProducer /
// RtspSession, the StreamHub with its default limiter; only the backoff ladder is shortened
// (ceiling 4 s) so the test reaches its ceiling within a short outage. `npm run bench -- outage`
// runs the production ladder (30 s ceiling) over a 50 s outage.
import { describe, expect, it } from 'vitest';
import { massOutageSummary, runMassOutage } from '../../testing/ingest/mass-outage.js';

const CAMERAS = 64;
const LIMIT_PER_SECOND = 10;
const SPACING_MS = 110; // the limiter's default pacing
const BACKOFF_CEILING_MS = 4000;
/** From the first grant to the last: 63 more at the limiter's pace. */
const RAMP_MS = (CAMERAS - 1) * SPACING_MS;
/** Connect, OPTIONS ... PLAY and the first keyframe on loopback (the demo server starts at a keyframe). */
const SETUP_MS = 1000;

describe('mass outage', () => {
  it('64 cameras: <= 10 accepts in any second, all live again within ceiling + ramp, none dropping afterwards', async () => {
    const r = await runMassOutage({ cameras: CAMERAS, outageMs: 8000, backoff: { maxMs: BACKOFF_CEILING_MS }, maxWaitMs: 40_000 });
    console.log(`[mass-outage] ${massOutageSummary(r)} (recovery bound ${BACKOFF_CEILING_MS + RAMP_MS + SETUP_MS} ms)`);
    expect(r.mostPerSecondAtStart).toBeLessThanOrEqual(LIMIT_PER_SECOND);
    expect(r.mostPerSecondAtRestart).toBeLessThanOrEqual(LIMIT_PER_SECOND);
    expect(r.restartAccepts.length).toBe(CAMERAS); // one connection per camera: none wasted, none doubled
    expect(r.recoveryMs).toBeLessThanOrEqual(BACKOFF_CEILING_MS + RAMP_MS + SETUP_MS);
    expect(r.dropsAfterRecovery).toEqual([]);
    expect(r.liveAtEnd).toBe(CAMERAS);
  }, 90_000);
});
