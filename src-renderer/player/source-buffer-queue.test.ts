// Drives the queue with a stand-in SourceBuffer that behaves like the real one where the queue
// depends on it: appendBuffer/remove throw while updating, finish asynchronously with
// 'updateend', and appendBuffer may throw QuotaExceededError.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SourceBufferQueue, type SourceBufferLike } from './source-buffer-queue.js';

class FakeSourceBuffer implements SourceBufferLike {
  updating = false;
  timestampOffset = 0;
  readonly log: string[] = [];
  quotaFailures = 0;
  private readonly listeners = new Map<string, Set<() => void>>();

  appendBuffer(data: BufferSource): void {
    if (this.updating) throw Object.assign(new Error('busy'), { name: 'InvalidStateError' });
    if (this.quotaFailures > 0) {
      this.quotaFailures--;
      throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    }
    const bytes = new Uint8Array(data as ArrayBuffer);
    this.log.push(`append ${Array.from(bytes).join(',')} @${this.timestampOffset}`);
    this.finishLater();
  }

  remove(start: number, end: number): void {
    if (this.updating) throw Object.assign(new Error('busy'), { name: 'InvalidStateError' });
    this.log.push(`remove ${start}-${end}`);
    this.finishLater();
  }

  addEventListener(type: string, l: () => void): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(l);
  }

  removeEventListener(type: string, l: () => void): void {
    this.listeners.get(type)?.delete(l);
  }

  private finishLater(): void {
    this.updating = true;
    setTimeout(() => {
      this.updating = false;
      for (const l of this.listeners.get('updateend') ?? []) l();
    }, 1);
  }
}

// Every 'updateend' the stand-in scheduled, and whatever the queue does on it, has run: on the
// fake clock, so a loaded machine cannot cut the chain short.
const settle = () => vi.runAllTimersAsync();

function setup(quota: () => { start: number; end: number } | null = () => null) {
  const sb = new FakeSourceBuffer();
  const done: string[] = [];
  const errors: string[] = [];
  const q = new SourceBufferQueue(sb, {
    onDone: (kind, bytes) => done.push(`${kind}:${bytes}`),
    onQuota: quota,
    onError: (kind, msg) => errors.push(`${kind}: ${msg}`),
  });
  return { sb, q, done, errors };
}

describe('SourceBufferQueue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('appends immediately when idle and coalesces what arrives while updating', async () => {
    const { sb, q, done } = setup();
    q.append(new Uint8Array([1]));
    q.append(new Uint8Array([2]));
    q.append(new Uint8Array([3]));
    await settle();
    expect(sb.log).toEqual(['append 1 @0', 'append 2,3 @0']);
    expect(done).toEqual(['append:1', 'append:2']);
    expect(q.maxCoalesced).toBe(2);
  });

  it('applies a timestampOffset before its fragment and does not merge across offsets', async () => {
    const { sb, q } = setup();
    q.append(new Uint8Array([1]));
    q.append(new Uint8Array([2]), 0);
    q.append(new Uint8Array([3]), 5);
    q.append(new Uint8Array([4]), 5);
    await settle();
    expect(sb.log).toEqual(['append 1 @0', 'append 2 @0', 'append 3,4 @5']);
  });

  it('runs removes between appends and keeps only the latest queued remove', async () => {
    const { sb, q } = setup();
    q.append(new Uint8Array([1]));
    q.remove(0, 1);
    q.remove(0, 2);
    q.append(new Uint8Array([2]));
    q.remove(3, 3); // empty range: ignored
    await settle();
    expect(sb.log).toEqual(['append 1 @0', 'remove 0-2', 'append 2 @0']);
  });

  it('on QuotaExceededError trims the range the player offers and retries the same bytes', async () => {
    const { sb, q, errors } = setup(() => ({ start: 0, end: 7 }));
    sb.quotaFailures = 1;
    q.append(new Uint8Array([9, 9]));
    await settle();
    expect(sb.log).toEqual(['remove 0-7', 'append 9,9 @0']);
    expect(errors).toEqual([]);
  });

  it('reports quota when trimming cannot help', async () => {
    const { sb, q, errors } = setup(() => ({ start: 0, end: 7 }));
    sb.quotaFailures = 2;
    q.append(new Uint8Array([9]));
    await settle();
    expect(errors).toEqual(['quota: SourceBuffer quota exceeded even after trimming the back-buffer']);
    const none = setup(() => null);
    none.sb.quotaFailures = 1;
    none.q.append(new Uint8Array([1]));
    await settle();
    expect(none.errors.length).toBe(1);
  });

  it('stops touching the SourceBuffer after dispose', async () => {
    const { sb, q } = setup();
    q.append(new Uint8Array([1]));
    q.append(new Uint8Array([2]));
    q.dispose();
    await settle();
    expect(sb.log).toEqual(['append 1 @0']);
  });
});
