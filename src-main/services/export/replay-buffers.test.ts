// The set of running replay buffers follows the last word per key, even when a stream is closed
// while its buffer is still starting (a tile replaced right after it opened).
import { describe, expect, it } from 'vitest';
import { ReplayBuffers } from './replay-buffers.js';

/** A buffer whose start the test releases by hand; it records whether it was stopped. */
function slowStarts() {
  const started: Array<{ key: string; stopped: boolean; stop(): Promise<void> }> = [];
  const gates: Array<() => void> = [];
  const start = (key: string) =>
    new Promise<(typeof started)[number]>((resolve) => {
      gates.push(() => {
        const b = {
          key,
          stopped: false,
          async stop() {
            b.stopped = true;
          },
        };
        started.push(b);
        resolve(b);
      });
    });
  const startUnderWay = async () => {
    while (gates.length === 0) await new Promise((r) => setTimeout(r, 1));
  };
  const openGate = async () => {
    await startUnderWay();
    gates.shift()!();
  };
  return { start, started, startUnderWay, openGate };
}

describe('replay buffers', () => {
  it('a close that follows the open at once starts nothing', async () => {
    const s = slowStarts();
    const set = new ReplayBuffers(s.start);
    await Promise.all([set.watch('k'), set.unwatch('k')]);
    expect(s.started).toEqual([]);
    expect(set.keys()).toEqual([]);
  });

  it('a stream closed while its buffer starts leaves no buffer running', async () => {
    const s = slowStarts();
    const set = new ReplayBuffers(s.start);
    const watching = set.watch('demo-cam-1:sub');
    await s.startUnderWay();
    const unwatching = set.unwatch('demo-cam-1:sub');
    await s.openGate();
    await Promise.all([watching, unwatching]);
    expect(s.started).toHaveLength(1);
    expect(s.started[0]!.stopped).toBe(true);
    expect(set.keys()).toEqual([]);
  });

  it('two opens start one buffer; watch, unwatch, watch ends with one running buffer', async () => {
    const s = slowStarts();
    const set = new ReplayBuffers(s.start);
    const a = set.watch('k');
    const b = set.watch('k');
    await s.openGate();
    await Promise.all([a, b]);
    expect(s.started).toHaveLength(1);

    // Both words before anything ran: the buffer stays as it is.
    await Promise.all([set.unwatch('k'), set.watch('k')]);
    expect(s.started.map((x) => x.stopped)).toEqual([false]);

    await set.unwatch('k');
    const again = set.watch('k');
    await s.openGate();
    await again;
    expect(s.started.map((x) => x.stopped)).toEqual([true, false]);
    expect(set.keys()).toEqual(['k']);
    expect(set.get('k')).toBe(s.started[1]);
  });

  it('stopAll waits for a start under way and stops it', async () => {
    const s = slowStarts();
    const set = new ReplayBuffers(s.start);
    void set.watch('a');
    await s.startUnderWay();
    const stopping = set.stopAll();
    await s.openGate();
    await stopping;
    expect(s.started[0]!.stopped).toBe(true);
    expect(set.keys()).toEqual([]);
  });

  it('a failed start is reported to its caller and the next watch tries again', async () => {
    let fail = true;
    const set = new ReplayBuffers(async () => {
      if (fail) throw new Error('disk full');
      return { stop: async () => undefined };
    });
    await expect(set.watch('k')).rejects.toThrow('disk full');
    expect(set.keys()).toEqual([]);
    fail = false;
    await set.watch('k');
    expect(set.keys()).toEqual(['k']);
  });
});
