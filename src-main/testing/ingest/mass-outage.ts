// Test/bench support (not used at runtime): N cameras on one demo RTSP server (in its own
// process), pulled through StreamHub + RtspProducer; the server stops for `outageMs` and comes
// back on the same port. Reports accepts per second (at the server), start-up and recovery
// times, and whether any source dropped in the `holdMs` after recovery.
import { join } from 'node:path';
import { StreamHub, type HubStatus } from '../../media/hub/index.js';
import type { BackoffOptions } from '../../media/hub/backoff.js';
import { RtspProducer } from '../../media/ingest/rtsp-producer.js';
import { AuthLockout } from '../../media/rtsp/auth-lockout.js';
import { startTsChild } from '../process/ts-child.js';

export interface MassOutageOptions {
  cameras: number;
  outageMs: number;
  /** Hub backoff overrides (the test shortens the ceiling); production defaults otherwise. */
  backoff?: BackoffOptions;
  holdMs?: number;
  /** Give up waiting for recovery after this long. */
  maxWaitMs?: number;
}

export interface MassOutageResult {
  startUpMs: number;
  recoveryMs: number;
  outageMs: number;
  startAccepts: number[];
  restartAccepts: number[];
  mostPerSecondAtStart: number;
  mostPerSecondAtRestart: number;
  /** Sources that went to 'reconnecting' during the hold after recovery. */
  dropsAfterRecovery: HubStatus[];
  liveAtEnd: number;
  attempts: number;
}

export function mostInAnyWindow(times: readonly number[], ms: number): number {
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runMassOutage(opts: MassOutageOptions): Promise<MassOutageResult> {
  const server = await startTsChild(join(process.cwd(), 'src-main/testing/rtsp/demo-server-child.ts'), [String(opts.cameras)]);
  let hub: StreamHub | undefined;
  try {
    const { port } = await server.request<{ port: number }>({ cmd: 'start' });
    const accepts = async () => (await server.request<{ accepts: number[] }>({ cmd: 'accepts' })).accepts;
    const lockout = new AuthLockout();
    hub = new StreamHub({
      ...(opts.backoff ? { backoff: opts.backoff } : {}),
      producerFactory: (key) => new RtspProducer({ url: `rtsp://127.0.0.1:${port}/${key}`, lockout, timeoutMs: 5000 }),
    });
    const lastSampleAt = new Map<string, number>();
    const drops: HubStatus[] = [];
    hub.onStatus((s) => {
      if (s.state === 'reconnecting') drops.push(s);
    });
    for (let i = 0; i < opts.cameras; i++) {
      const key = `cam${i}`;
      hub.subscribe(key, { onTracks: () => undefined, onSample: () => void lastSampleAt.set(key, Date.now()) });
    }
    const liveSince = (t: number) => [...lastSampleAt.values()].filter((at) => at >= t).length;
    const maxWait = opts.maxWaitMs ?? 120_000;

    const t0 = Date.now();
    await until('all cameras live at start', maxWait, () => liveSince(t0) === opts.cameras);
    const startUpMs = Date.now() - t0;
    const startAccepts = await accepts();

    await server.request({ cmd: 'stop' });
    const down = Date.now();
    await sleep(opts.outageMs);
    await server.request({ cmd: 'start', port });
    const restart = Date.now();
    await until('all cameras live after the restart', maxWait, () => liveSince(restart) === opts.cameras);
    const recoveryMs = Date.now() - restart;
    const restartAccepts = await accepts();

    const settled = Date.now();
    await sleep(opts.holdMs ?? 5000);
    return {
      startUpMs,
      recoveryMs,
      outageMs: restart - down,
      startAccepts,
      restartAccepts,
      mostPerSecondAtStart: mostInAnyWindow(startAccepts, 1000),
      mostPerSecondAtRestart: mostInAnyWindow(restartAccepts, 1000),
      dropsAfterRecovery: drops.filter((d) => d.since >= settled),
      liveAtEnd: liveSince(Date.now() - 1000),
      attempts: hub.stats().attempts,
    };
  } finally {
    hub?.close();
    await server.stop();
  }
}

export function massOutageSummary(r: MassOutageResult): string {
  return `start-up ${r.startUpMs} ms (${r.startAccepts.length} accepts, most in 1 s ${r.mostPerSecondAtStart}); outage ${r.outageMs} ms; recovery ${r.recoveryMs} ms (${r.restartAccepts.length} accepts, most in 1 s ${r.mostPerSecondAtRestart}); drops after recovery ${r.dropsAfterRecovery.length}; live at end ${r.liveAtEnd}; attempts ${r.attempts}`;
}
