// One player connection: a hub consumer that formats samples and writes them to the
// WebSocket at once (no batching: every frame leaves as soon as it arrives). When the
// socket's unsent backlog passes the limit, it drops to the next keyframe instead of
// letting latency and memory grow. A sample's message is sent as WebSocket continuation
// frames over its parts, so NAL unit bytes are never copied; the socket is corked meanwhile
// so the frames still leave in one write.
//
// Keyframes only (the page cannot decode every tile at full rate): non-key video frames are not
// sent at all, so the player decodes one picture per GOP. Full rate comes back at the next
// keyframe, since a frame in the middle of a GOP needs the ones before it.
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { HubConsumer, Subscription } from '../hub/hub-types.js';
import type { MediaSample, TrackInfo } from '../types.js';
import type { GatewayCounters } from './counters.js';
import type { StreamFormatter, WireMessage } from './formats.js';

export class LiveSession implements HubConsumer {
  private subscription: Subscription | undefined;
  private skipping = false;
  private closed = false;
  private keyframesOnly = false;
  /** Back to full rate, but the frames before the next keyframe cannot be decoded. */
  private resumeAtKeyframe = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly socket: Duplex,
    private readonly formatter: StreamFormatter,
    private readonly maxBufferedBytes: number,
    private readonly counters: GatewayCounters,
  ) {}

  /** Attach the hub subscription (after subscribe() returned; the GOP burst may come before). */
  attach(subscription: Subscription): void {
    this.subscription = subscription;
    if (this.closed) subscription();
  }

  onTracks(tracks: TrackInfo): void {
    for (const m of this.formatter.tracks(tracks)) this.send(m);
  }

  /**
   * Only keyframes from now on (true), or every frame again from the next keyframe (false).
   * The player is told where the change takes effect (fMP4: a `rate` text message).
   */
  setKeyframesOnly(on: boolean): void {
    if (on === this.keyframesOnly) return;
    this.keyframesOnly = on;
    this.resumeAtKeyframe = !on;
    if (on) this.sendRate(true);
  }

  onSample(sample: MediaSample): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    const startPoint = sample.kind === 'video' && sample.keyframe;
    if (sample.kind === 'video' && !startPoint && (this.keyframesOnly || this.resumeAtKeyframe)) {
      this.counters.keyframeOnlyDrops++;
      return;
    }
    if (startPoint && this.resumeAtKeyframe) {
      this.resumeAtKeyframe = false;
      this.sendRate(false);
    }
    if (this.skipping && !startPoint) return; // the hub usually drops these already
    if (this.ws.bufferedAmount > this.maxBufferedBytes) {
      // Only frames from the next keyframe on can be decoded after a gap.
      if (!this.skipping) {
        this.skipping = true;
        this.counters.skips++;
        this.subscription?.skipToKeyframe();
      }
      return;
    }
    this.skipping = false;
    const parts = this.formatter.sample(sample);
    if (parts) this.sendParts(parts);
    const text = this.formatter.after?.(sample);
    if (text) this.send(text);
  }

  private sendRate(keyframesOnly: boolean): void {
    const text = this.formatter.rate?.(keyframesOnly);
    if (text) this.send(text);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.subscription?.();
  }

  private sendParts(parts: readonly Uint8Array[]): void {
    if (parts.length === 1) return this.send(parts[0]);
    const last = parts.length - 1;
    let bytes = 0;
    this.socket.cork();
    try {
      for (let i = 0; i <= last; i++) {
        this.ws.send(parts[i], { binary: true, fin: i === last });
        bytes += parts[i].length;
      }
    } finally {
      this.socket.uncork();
    }
    this.counters.messagesSent++;
    this.counters.bytesSent += bytes;
  }

  private send(m: WireMessage): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    const binary = typeof m !== 'string';
    this.ws.send(m, { binary });
    this.counters.messagesSent++;
    this.counters.bytesSent += binary ? m.length : Buffer.byteLength(m);
  }
}
