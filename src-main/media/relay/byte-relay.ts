// One player socket fed from one upstream: every upstream chunk leaves as one binary WebSocket
// message, bytes unchanged (mpegts.js parses FLV or TS across message boundaries). Upstream
// trouble closes the socket with a code and a reason; the tile's retry opens a new stream.
import type { WebSocket } from 'ws';
import { openByteSource, type ByteSource } from './byte-source.js';
import { closeCodeFor, closeReason, RELAY_CLOSE } from './close-codes.js';
import type { RelayCounters } from './counters.js';
import { describeUpstream, RelayUpstreamError } from './upstream-error.js';
import type { RelayTls } from './upstream-tls.js';

export interface ByteRelayGrant {
  streamId: string;
  /** The platform URL (http(s) endless body, or ws(s)). Never logged whole. */
  url: string;
  tls?: RelayTls | undefined;
}

export interface ByteRelayLimits {
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  /** Counted once the upstream has answered (before that, the two timeouts above apply). */
  noDataTimeoutMs: number;
  /** Unsent bytes towards the player before the relay gives up on it. */
  maxBufferedBytes: number;
}

export class ByteRelay {
  private source: ByteSource | undefined;
  /** Set when the upstream answers; the no-data watchdog runs from then on. */
  private lastDataAt: number | undefined;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private over = false;

  constructor(
    readonly ws: WebSocket,
    readonly grant: ByteRelayGrant,
    private readonly limits: ByteRelayLimits,
    private readonly counters: RelayCounters,
    private readonly log: (line: string) => void,
  ) {}

  start(): void {
    const url = new URL(this.grant.url);
    this.ws.on('close', () => this.stop());
    this.ws.on('error', () => this.stop());
    this.ws.on('message', () => undefined); // players send nothing we act on
    this.watchdog = setInterval(() => {
      if (this.lastDataAt === undefined || Date.now() - this.lastDataAt < this.limits.noDataTimeoutMs) return;
      this.fail(new RelayUpstreamError('no_data', `${describeUpstream(url)} sent no data for ${Math.round(this.limits.noDataTimeoutMs / 1000)} s`));
    }, Math.min(1000, this.limits.noDataTimeoutMs / 2));
    this.watchdog.unref();
    const { connectTimeoutMs, responseTimeoutMs } = this.limits;
    this.source = openByteSource(url, { tls: this.grant.tls, connectTimeoutMs, responseTimeoutMs }, {
      onOpen: () => (this.lastDataAt = Date.now()),
      onData: (chunk) => this.forward(chunk),
      onEnd: (err) => this.fail(err),
    });
  }

  /** Closes the player socket and the upstream. */
  close(code: number, reason: string): void {
    if (this.over) return;
    this.stop();
    this.ws.close(code, closeReason(reason));
  }

  private forward(chunk: Buffer): void {
    if (this.over) return;
    this.lastDataAt = Date.now();
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      this.counters.tooSlow++;
      this.log(`[relay ${this.grant.streamId}] player ${Math.round(this.ws.bufferedAmount / 1024)} KiB behind; closed`);
      return this.close(RELAY_CLOSE.tooSlow, 'player too slow: relay dropped it');
    }
    this.ws.send(chunk, { binary: true });
    this.counters.messagesSent++;
    this.counters.bytesRelayed += chunk.length;
  }

  private fail(err: RelayUpstreamError): void {
    if (this.over) return;
    this.counters.upstreamFailures[err.kind]++;
    this.log(`[relay ${this.grant.streamId}] ${err.message}`);
    this.close(closeCodeFor(err.kind), err.message);
  }

  private stop(): void {
    if (this.over) return;
    this.over = true;
    clearInterval(this.watchdog);
    this.source?.close();
  }
}
