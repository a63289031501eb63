// One pull of a platform's FLV stream (HTTP-FLV or WS-FLV, as ZLMediaKit serves it) as a hub
// producer: the bytes are demuxed here into the access units the RTSP ingest produces, so the
// tile gets the fMP4 gateway path, GOP cache and latency accounting of a direct camera.
// A stream the platform has not registered yet answers 404: retried within this attempt for a
// while before the attempt fails (and the hub's backoff takes over).
import { SkywallError } from '../../common/model/errors.js';
import { FlvDemuxer } from '../flv/flv-demuxer.js';
import { ProducerBase } from '../hub/producer-base.js';
import type { ProducerError } from '../hub/producer.js';
import { openByteSource, type ByteSource } from '../relay/byte-source.js';
import { describeUpstream, type RelayUpstreamError } from '../relay/upstream-error.js';
import type { RelayTls } from '../relay/upstream-tls.js';

export interface FlvProducerOptions {
  /** http(s)://…flv or ws(s)://…flv; may carry the platform's token (never logged: see describeUpstream). */
  url: string;
  tls?: RelayTls | undefined;
  connectTimeoutMs?: number;
  /** ZLMediaKit may hold the request while it pulls the stream on demand: generous by default. */
  responseTimeoutMs?: number;
  /** How long 404 answers are retried (default 8 s), and how often (default 500 ms). */
  notFoundWindowMs?: number;
  notFoundEveryMs?: number;
}

function producerErrorOf(err: RelayUpstreamError): ProducerError {
  const status = err.status ?? 0;
  const withStatus = status ? { params: { status } } : {};
  if (err.kind === 'timeout' || err.kind === 'no_data') return { code: 'timeout', message: err.message, ...withStatus };
  // A certificate that is not the pinned one stays refused until the operator looks at it.
  if (err.kind === 'tls') return { code: 'auth_failed', message: err.message, params: { reason: 'certificate' } };
  if (err.kind === 'http_status' && status === 404) return { code: 'not_found', message: err.message, ...withStatus };
  // 401/403 on a play URL means its token or session expired: the next attempt asks for a new URL.
  return { code: 'unreachable', message: err.message, ...withStatus };
}

export class FlvProducer extends ProducerBase {
  private readonly url: URL;
  private source: ByteSource | undefined;
  private readonly demuxer = new FlvDemuxer();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private notFoundUntil = 0;
  private live = false;

  constructor(private readonly options: FlvProducerOptions) {
    super();
    this.url = new URL(options.url);
    if (!/^(https?|wss?):$/.test(this.url.protocol)) throw new SkywallError('unsupported_codec', `not an FLV URL scheme: ${this.url.protocol}`);
  }

  start(): void {
    this.emit('status', { state: 'connecting' });
    this.notFoundUntil = Date.now() + (this.options.notFoundWindowMs ?? 8000);
    this.open();
  }

  protected onStop(): void {
    clearTimeout(this.retryTimer);
    this.source?.close();
    this.source = undefined;
  }

  private open(): void {
    if (this.stopped) return;
    this.source = openByteSource(
      this.url,
      { tls: this.options.tls, connectTimeoutMs: this.options.connectTimeoutMs ?? 5000, responseTimeoutMs: this.options.responseTimeoutMs ?? 15_000 },
      {
        onOpen: () => undefined,
        onData: (chunk) => this.onData(chunk),
        onEnd: (err) => this.onEnd(err),
      },
    );
  }

  private onData(chunk: Buffer): void {
    if (this.stopped || !this.source) return;
    let events;
    try {
      events = this.demuxer.push(chunk);
    } catch (e) {
      const error = e instanceof SkywallError ? { code: e.code, message: `${describeUpstream(this.url)}: ${e.message}`, ...(e.params ? { params: e.params } : {}) } : { code: 'internal' as const, message: String(e) };
      this.finish(error);
      return;
    }
    for (const ev of events) {
      if (ev.type === 'tracks') this.emit('tracks', ev.tracks);
      else {
        if (!this.live) {
          this.live = true;
          this.emit('status', { state: 'live' });
        }
        this.emit('sample', ev.sample);
      }
    }
  }

  private onEnd(err: RelayUpstreamError): void {
    this.source = undefined;
    if (this.stopped) return;
    const notYet = err.kind === 'http_status' && err.status === 404 && !this.live && Date.now() < this.notFoundUntil;
    if (notYet) {
      this.retryTimer = setTimeout(() => this.open(), this.options.notFoundEveryMs ?? 500);
      this.retryTimer.unref?.();
      return;
    }
    this.finish(producerErrorOf(err));
  }

  private finish(error: ProducerError): void {
    const source = this.source;
    this.source = undefined;
    // Not from inside the socket's own data callback: closing there aborts a request mid-event.
    if (source) setImmediate(() => source.close());
    this.emit('status', { state: 'closed', error });
  }
}
