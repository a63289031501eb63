// Test/bench support (not used at runtime): the hostile-stream memory run shared by the test
// and the benchmark. Starts the hostile camera here and the ingest in a child process, samples
// the child's RSS while the stream runs, removes the stream, and measures again after GC.
import { join } from 'node:path';
import { startHostileCamera } from '../rtsp/hostile-camera.js';
import { startTsChild } from '../process/ts-child.js';
import type { ChildMemory } from './ingest-child.js';

export interface HostileMemoryResult {
  rssBefore: number;
  rssPeak: number;
  rssAfter: number;
  bytesSent: number;
  seconds: number;
  summary: string;
}

const MB = 1024 * 1024;
// From the repository root (tests and `npm run bench` both run there; the bench is a bundle elsewhere).
const childEntry = join(process.cwd(), 'src-main/testing/ingest/ingest-child.ts');

export async function runHostileMemory(opts: { seconds: number; bytesPerSecond: number }): Promise<HostileMemoryResult> {
  const camera = await startHostileCamera({ bytesPerSecond: opts.bytesPerSecond });
  const child = await startTsChild(childEntry, [camera.url]);
  try {
    const memory = async () => (await child.request<{ memory: ChildMemory }>({ cmd: 'memory' })).memory;
    const before = await memory();
    await child.request({ cmd: 'subscribe' });
    let peak = before.rss;
    const until = Date.now() + opts.seconds * 1000;
    while (Date.now() < until) {
      await new Promise((r) => setTimeout(r, 500));
      peak = Math.max(peak, (await memory()).rss);
    }
    const bytesSent = camera.bytesSent;
    const end = await child.request<{ states: string[]; attempts: number }>({ cmd: 'unsubscribe' });
    // Removed: the hub's grace (200 ms here) ends the pull; give the allocator a moment, then take the lowest of a few readings.
    await new Promise((r) => setTimeout(r, 1000));
    let after = Infinity;
    for (let i = 0; i < 4; i++) {
      after = Math.min(after, (await memory()).rss);
      await new Promise((r) => setTimeout(r, 250));
    }
    const rate = bytesSent / opts.seconds / MB;
    const summary = `sent ${(bytesSent / MB).toFixed(0)} MB in ${opts.seconds} s (${rate.toFixed(1)} MB/s, ${camera.connections} connections, ${end.attempts} attempts); RSS before ${(before.rss / MB).toFixed(1)} MB, peak ${(peak / MB).toFixed(1)} MB, after ${(after / MB).toFixed(1)} MB (delta ${((after - before.rss) / MB).toFixed(1)} MB); states ${[...new Set(end.states)].join(' ')}`;
    return { rssBefore: before.rss, rssPeak: peak, rssAfter: after, bytesSent, seconds: opts.seconds, summary };
  } finally {
    await child.stop();
    await camera.close();
  }
}
