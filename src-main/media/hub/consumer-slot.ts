// One consumer's place at a source: delivers samples while the consumer keeps up, queues
// them (bounded in bytes) while it is busy, and on overflow drops the backlog and waits for
// the next keyframe, so a slow consumer costs a skip, never unbounded memory.
import type { MediaSample, TrackInfo } from '../types.js';
import type { ConsumerStats, HubConsumer, HubStatus } from './hub-types.js';
import { isStartPoint, sampleBytes } from './sample-size.js';

export class ConsumerSlot {
  /** Source sample counter when this slot joined (it got the GOP cache up to there). */
  joinedAt = 0;
  private queue: MediaSample[] = [];
  private head = 0;
  private queued = 0;
  private busy = false;
  private draining = false;
  private awaitingKeyframe = true; // every consumer starts at a keyframe
  private hasVideo = true;
  private closed = false;
  private readonly counters = { delivered: 0, skips: 0, dropped: 0 };

  constructor(
    readonly consumer: HubConsumer,
    private readonly maxQueueBytes: number,
  ) {}

  tracks(tracks: TrackInfo): void {
    if (this.closed) return;
    this.hasVideo = tracks.video !== undefined;
    this.consumer.onTracks(tracks);
  }

  status(status: HubStatus): void {
    if (!this.closed) this.consumer.onStatus?.(status);
  }

  /** A new sample from the source (or from the GOP cache at subscribe). */
  offer(sample: MediaSample): void {
    if (this.closed) return;
    if (this.awaitingKeyframe) {
      if (!isStartPoint(sample, this.hasVideo)) {
        this.counters.dropped++;
        return;
      }
      this.awaitingKeyframe = false;
    }
    if (this.busy || this.draining || this.head < this.queue.length) {
      this.enqueue(sample);
      return;
    }
    this.deliver(sample);
  }

  resume(): void {
    if (this.closed) return;
    this.busy = false;
    this.drain();
  }

  skipToKeyframe(): void {
    if (this.closed) return;
    this.counters.skips++;
    this.counters.dropped += this.queue.length - this.head;
    this.clearQueue();
    this.awaitingKeyframe = true;
  }

  /** After a reconnect the old stream cannot continue: restart at the next keyframe without counting a skip. */
  restart(): void {
    this.clearQueue();
    this.awaitingKeyframe = true;
  }

  close(): void {
    this.closed = true;
    this.clearQueue();
  }

  stats(): ConsumerStats {
    return { ...this.counters, queuedBytes: this.queued };
  }

  private enqueue(sample: MediaSample): void {
    const n = sampleBytes(sample);
    if (this.queued + n > this.maxQueueBytes) {
      this.skipToKeyframe();
      if (!isStartPoint(sample, this.hasVideo)) {
        this.counters.dropped++; // this sample too
        return;
      }
      this.awaitingKeyframe = false; // it is itself the next keyframe: start the new queue with it
    }
    this.queue.push(sample);
    this.queued += n;
  }

  private deliver(sample: MediaSample): void {
    this.counters.delivered++;
    if (this.consumer.onSample(sample) === false) this.busy = true;
  }

  private drain(): void {
    if (this.draining) return; // resume() from inside onSample: the running loop continues
    this.draining = true;
    try {
      while (!this.busy && !this.closed && this.head < this.queue.length) {
        const s = this.queue[this.head++];
        this.queued -= sampleBytes(s);
        this.deliver(s);
      }
      if (this.head >= this.queue.length) this.clearQueue();
      else if (this.head > 256 && this.head * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.head); // compact a queue that never empties
        this.head = 0;
      }
    } finally {
      this.draining = false;
    }
  }

  private clearQueue(): void {
    this.queue = [];
    this.head = 0;
    this.queued = 0;
  }
}
