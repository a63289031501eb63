// When each device is checked: once per interval, the checks spread evenly over it (300 devices
// every 5 minutes = one start a second, never all at once), and at most `concurrency` running at
// any moment; a check that cannot start waits its turn. The first round after start is quicker
// (the operator wants to know soon) but spread the same way.

export interface HealthSchedulerOptions {
  intervalMs: number;
  concurrency: number;
  /** Spread of the first round (default: 250 ms per device, at most the interval). */
  firstRoundMs?: number;
  /** The ids to check, read at the start of every round (devices come and go). */
  ids(): string[];
  /** One check; its rejection is ignored (the check reports its own result). */
  check(id: string): Promise<void>;
}

export interface SchedulerStats {
  running: number;
  /** The most checks that ever ran at once. */
  maxRunning: number;
  started: number;
  queued: number;
}

export class HealthScheduler {
  private round: string[] = [];
  private next = 0;
  private roundStart = 0;
  private readonly queue: string[] = [];
  private readonly active = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = true;
  private first = true;
  private maxRunning = 0;
  private started = 0;

  constructor(private readonly opts: HealthSchedulerOptions) {
    if (!(opts.intervalMs > 0)) throw new Error('intervalMs must be positive');
    if (!(opts.concurrency >= 1)) throw new Error('concurrency must be at least 1');
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.first = true;
    this.beginRound();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queue.length = 0;
  }

  /** One device now (ahead of the queue); without an id, a new round starts now. */
  checkNow(id?: string): void {
    if (this.stopped) return;
    if (id === undefined) {
      clearTimeout(this.timer);
      this.beginRound();
      return;
    }
    if (this.active.has(id)) return;
    const at = this.queue.indexOf(id);
    if (at >= 0) this.queue.splice(at, 1);
    this.queue.unshift(id);
    this.drain();
  }

  stats(): SchedulerStats {
    return { running: this.active.size, maxRunning: this.maxRunning, started: this.started, queued: this.queue.length };
  }

  private beginRound(): void {
    this.round = [...new Set(this.opts.ids())];
    this.next = 0;
    const span = this.first ? Math.min(this.opts.intervalMs, this.opts.firstRoundMs ?? this.round.length * 250) : this.opts.intervalMs;
    this.first = false;
    const spacing = this.round.length > 0 ? span / this.round.length : this.opts.intervalMs;
    this.roundStart = Date.now();
    this.tick(spacing);
  }

  /** Queues the round's next device, then waits for the next one's time (device i at start + i spacings, so timer lag does not add up). */
  private tick(spacing: number): void {
    if (this.stopped) return;
    if (this.next < this.round.length) {
      const id = this.round[this.next++]!;
      if (!this.active.has(id) && !this.queue.includes(id)) this.queue.push(id);
      this.drain();
    }
    const roundOver = this.next >= this.round.length;
    const wait = Math.max(0, this.roundStart + this.next * spacing - Date.now());
    this.timer = setTimeout(() => (roundOver ? this.beginRound() : this.tick(spacing)), wait);
    this.timer.unref?.();
  }

  private drain(): void {
    while (!this.stopped && this.active.size < this.opts.concurrency && this.queue.length > 0) {
      const id = this.queue.shift()!;
      this.active.add(id);
      this.started++;
      this.maxRunning = Math.max(this.maxRunning, this.active.size);
      void this.opts
        .check(id)
        .catch(() => undefined)
        .finally(() => {
          this.active.delete(id);
          this.drain();
        });
    }
  }
}
