// Serializes work on one SourceBuffer. Fragments arriving while the buffer is updating are
// queued and, when we fall behind, concatenated into a single append (one IPC hop to the media
// pipeline instead of many). Removes run between appends. A QuotaExceededError triggers one
// trim-and-retry before it is reported.

/** The part of SourceBuffer we use; a structural type so tests can drive the queue. */
export interface SourceBufferLike {
  readonly updating: boolean;
  timestampOffset: number;
  appendBuffer(data: BufferSource): void;
  remove(start: number, end: number): void;
  addEventListener(type: 'updateend' | 'error', listener: () => void): void;
  removeEventListener(type: 'updateend' | 'error', listener: () => void): void;
}

type Op =
  | { kind: 'append'; data: Uint8Array; timestampOffset: number | null; retried: boolean }
  | { kind: 'remove'; start: number; end: number };

export interface SourceBufferQueueHooks {
  /** An operation finished (updateend). `appendedBytes` is 0 for removes. */
  onDone(kind: 'append' | 'remove', appendedBytes: number): void;
  /** Quota hit: return a range to remove before retrying, or null if nothing can be freed. */
  onQuota(): { start: number; end: number } | null;
  onError(kind: 'quota' | 'append' | 'remove', message: string): void;
}

export class SourceBufferQueue {
  private readonly ops: Op[] = [];
  private current: Op | null = null;
  private disposed = false;
  /** Largest number of fragments coalesced into one append (diagnostics). */
  maxCoalesced = 1;
  coalescedAppends = 0;

  constructor(
    private readonly sb: SourceBufferLike,
    private readonly hooks: SourceBufferQueueHooks,
  ) {
    sb.addEventListener('updateend', this.onUpdateEnd);
    sb.addEventListener('error', this.onSbError);
  }

  /** Queue a fragment (or init segment). `timestampOffset` is applied before it when not null. */
  append(data: Uint8Array, timestampOffset: number | null = null): void {
    this.ops.push({ kind: 'append', data, timestampOffset, retried: false });
    this.pump();
  }

  remove(start: number, end: number): void {
    if (!(end > start)) return;
    // Never queue two removes: the later (wider) one covers the earlier.
    const queued = this.ops.findIndex((o) => o.kind === 'remove');
    if (queued >= 0) this.ops.splice(queued, 1);
    this.ops.push({ kind: 'remove', start, end });
    this.pump();
  }

  get busy(): boolean {
    return this.current !== null || this.sb.updating;
  }

  get queuedBytes(): number {
    return this.ops.reduce((n, o) => n + (o.kind === 'append' ? o.data.byteLength : 0), 0);
  }

  dispose(): void {
    this.disposed = true;
    this.ops.length = 0;
    this.sb.removeEventListener('updateend', this.onUpdateEnd);
    this.sb.removeEventListener('error', this.onSbError);
  }

  private pump(): void {
    if (this.disposed || this.current || this.sb.updating) return;
    const op = this.takeNext();
    if (!op) return;
    this.current = op;
    try {
      if (op.kind === 'append') {
        if (op.timestampOffset !== null && this.sb.timestampOffset !== op.timestampOffset) this.sb.timestampOffset = op.timestampOffset;
        this.sb.appendBuffer(op.data as Uint8Array<ArrayBuffer>);
      } else {
        this.sb.remove(op.start, op.end);
      }
    } catch (err) {
      this.current = null;
      this.failed(op, err);
    }
  }

  /** Next op; consecutive appends with the same offset become one concatenated append. */
  private takeNext(): Op | undefined {
    const first = this.ops.shift();
    if (!first || first.kind !== 'append') return first;
    const parts = [first.data];
    while (this.ops.length > 0) {
      const next = this.ops[0]!;
      if (next.kind !== 'append' || next.retried || first.retried) break;
      if (next.timestampOffset !== null && next.timestampOffset !== first.timestampOffset) break;
      parts.push(next.data);
      this.ops.shift();
    }
    if (parts.length === 1) return first;
    this.coalescedAppends++;
    this.maxCoalesced = Math.max(this.maxCoalesced, parts.length);
    return { ...first, data: concat(parts) };
  }

  private failed(op: Op, err: unknown): void {
    const name = err instanceof Error || (typeof err === 'object' && err !== null && 'name' in err) ? String((err as { name: unknown }).name) : '';
    if (op.kind === 'append' && name === 'QuotaExceededError') {
      const range = op.retried ? null : this.hooks.onQuota();
      if (range && range.end > range.start) {
        this.ops.unshift({ ...op, retried: true });
        this.ops.unshift({ kind: 'remove', start: range.start, end: range.end });
        this.pump();
        return;
      }
      this.hooks.onError('quota', 'SourceBuffer quota exceeded even after trimming the back-buffer');
      return;
    }
    this.hooks.onError(op.kind, `${op.kind} failed: ${name || String(err)}`);
  }

  private readonly onUpdateEnd = (): void => {
    const done = this.current;
    this.current = null;
    if (this.disposed) return;
    if (done) this.hooks.onDone(done.kind, done.kind === 'append' ? done.data.byteLength : 0);
    this.pump();
  };

  private readonly onSbError = (): void => {
    // 'error' is followed by 'updateend'; the decode failure itself surfaces on video.error.
    if (this.current) this.hooks.onError(this.current.kind, `SourceBuffer ${this.current.kind} raised an error event`);
  };
}

function concat(parts: Uint8Array[]): Uint8Array {
  let size = 0;
  for (const p of parts) size += p.byteLength;
  const out = new Uint8Array(size);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.byteLength;
  }
  return out;
}
