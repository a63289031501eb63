// Test/bench child (not used at runtime): the real ingest path (StreamHub + RtspProducer +
// RtspSession) in a process of its own, driven over IPC, so its RSS can be measured alone.
// argv[2]: the rtsp:// URL. Messages: subscribe, unsubscribe, memory (after forced GC).
import { StreamHub, type HubStatus } from '../../media/hub/index.js';
import { RtspProducer } from '../../media/ingest/rtsp-producer.js';
import { AuthLockout } from '../../media/rtsp/auth-lockout.js';

export interface ChildMemory {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

const url = process.argv[2]!;
const lockout = new AuthLockout();
const hub = new StreamHub({ graceMs: 200, producerFactory: () => new RtspProducer({ url, lockout, timeoutMs: 5000 }) });
const statuses: HubStatus[] = [];
let samples = 0;
let unsubscribe: (() => void) | undefined;

const collect = async (): Promise<ChildMemory> => {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((r) => setTimeout(r, 50));
  }
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
};

process.on('message', (msg: { id: number; cmd: string }) => {
  const reply = (body: Record<string, unknown>) => process.send!({ id: msg.id, ...body });
  if (msg.cmd === 'subscribe') {
    unsubscribe = hub.subscribe('hostile', { onTracks: () => undefined, onSample: () => void samples++, onStatus: (s) => statuses.push(s) });
    reply({});
  } else if (msg.cmd === 'unsubscribe') {
    unsubscribe?.();
    unsubscribe = undefined;
    reply({ samples, states: statuses.map((s) => `${s.state}${s.errorCode ? `:${s.errorCode}` : ''}`), attempts: hub.stats().attempts });
  } else if (msg.cmd === 'memory') {
    void collect().then((m) => reply({ memory: m, sources: hub.stats().sources }));
  }
});
process.on('SIGTERM', () => {
  hub.close();
  process.exit(0);
});
process.send!({ ready: true });
