// The replay buffers that run, one per watched source key. Starting a buffer takes a moment
// (folder, hub subscription), and a tile can open and close its stream within that moment: the
// last word per key wins, and start and stop of one key never overlap, so a buffer is never
// left running (holding its hub source) for a stream nobody watches any more.

/** What the set needs of a buffer. */
export interface StoppableBuffer {
  stop(): Promise<void>;
}

export class ReplayBuffers<B extends StoppableBuffer> {
  private readonly running = new Map<string, B>();
  private readonly wanted = new Set<string>();
  /** The last start or stop queued per key; each runs after the one before. */
  private readonly chains = new Map<string, Promise<void>>();

  constructor(private readonly start: (key: string) => Promise<B>) {}

  /** Runs a buffer for `key` (idempotent); resolves once the set matches every word so far. */
  watch(key: string): Promise<void> {
    this.wanted.add(key);
    return this.settle(key);
  }

  /** Stops the buffer of `key`, also one still starting. */
  unwatch(key: string): Promise<void> {
    this.wanted.delete(key);
    return this.settle(key);
  }

  get(key: string): B | undefined {
    return this.running.get(key);
  }

  keys(): string[] {
    return [...this.running.keys()];
  }

  /** Stops everything, waiting for starts under way. */
  async stopAll(): Promise<void> {
    const keys = new Set([...this.wanted, ...this.running.keys(), ...this.chains.keys()]);
    this.wanted.clear();
    await Promise.all([...keys].map((k) => this.settle(k)));
  }

  private settle(key: string): Promise<void> {
    const before = this.chains.get(key) ?? Promise.resolve();
    const step = before.then(() => this.apply(key));
    const tail = step.catch(() => undefined);
    this.chains.set(key, tail);
    void tail.then(() => {
      if (this.chains.get(key) === tail) this.chains.delete(key);
    });
    return step;
  }

  /** Brings one key to what was last asked for. */
  private async apply(key: string): Promise<void> {
    const buffer = this.running.get(key);
    if (this.wanted.has(key) && !buffer) {
      this.running.set(key, await this.start(key));
    } else if (!this.wanted.has(key) && buffer) {
      this.running.delete(key);
      await buffer.stop();
    }
  }
}
