// Native RTSP ingest: one camera stream over RTSP/1.0 with RTP/RTCP interleaved on the TCP
// connection. start() runs OPTIONS, DESCRIBE, SETUP (per track) and PLAY; then samples flow as
// events until stop(), an error, or the server ends the stream. See README.md for the contract.
import { randomBytes } from 'node:crypto';
import { isSkywallError, SkywallError } from '../../common/model/errors.js';
import type { AudioTrackInfo, MediaSample, TrackInfo, VideoTrackInfo } from '../types.js';
import { randomSsrc } from '../rtp/rtcp.js';
import { AuthLockout, sharedAuthLockout } from './auth-lockout.js';
import { MediaTrack } from './media-track.js';
import { RtspConnection } from './rtsp-connection.js';
import { negotiate } from './rtsp-negotiation.js';
import { RtspRequester } from './rtsp-requester.js';
import type { ClockRange } from './replay-range.js';
import { parseRtspUrl, redactUrl, type RtspUrl } from './rtsp-url.js';
import { TypedEmitter } from './typed-emitter.js';
import type { RtspCloseEvent, RtspSessionEvents, RtspSessionOptions, RtspSessionState, RtspStats } from './rtsp-session-types.js';

export type { RtspCloseEvent, RtspCloseReason, RtspSessionEvents, RtspSessionOptions, RtspSessionState, RtspStats } from './rtsp-session-types.js';

/**
 * Interleaved bytes held between SETUP and the PLAY answer (RTP-Info must set the timestamp
 * bases first). Servers start sending right behind the PLAY answer, i.e. within one socket
 * read (64 KB); 1 MiB leaves room for a keyframe and bounds what a hostile server can park here.
 */
export const MAX_EARLY_BYTES = 1024 * 1024;

export class RtspSession extends TypedEmitter<RtspSessionEvents> {
  private _state: RtspSessionState = 'idle';
  private readonly target: RtspUrl | undefined;
  private readonly targetError: SkywallError | undefined;
  private readonly timeoutMs: number;
  private readonly noDataTimeoutMs: number;
  private readonly lockout: AuthLockout;
  private readonly ownSsrc = randomSsrc([], () => randomBytes(4).readUInt32BE(0) / 2 ** 32);
  private readonly cname = `skywall-${randomBytes(4).toString('hex')}`;
  private conn: RtspConnection | undefined;
  private requester: RtspRequester | undefined;
  private tracksList: MediaTrack[] = [];
  private sessionHeader: string | undefined;
  private aggregateUrl = '';
  private keepaliveMethod = 'OPTIONS';
  private keepaliveMs = 30_000;
  private queued: Array<[number, Uint8Array, number]> = [];
  private queuedBytes = 0;
  private earlyBytesDropped = 0;
  private timers: NodeJS.Timeout[] = [];
  private lastRtpAt = 0;
  private audioInfo: AudioTrackInfo | undefined;
  private videoInfo: VideoTrackInfo | undefined;
  private tracksEmitted = false;
  private droppedBeforeTracks = 0;
  private unknownChannelPackets = 0;
  private rtcpSent = 0;
  private starting: Promise<void> | undefined;
  private readingPaused = false;
  private recorderRange: ClockRange | undefined;

  constructor(private readonly opts: RtspSessionOptions) {
    super();
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.noDataTimeoutMs = opts.noDataTimeoutMs ?? 5_000;
    this.lockout = opts.lockout ?? sharedAuthLockout;
    try {
      this.target = parseRtspUrl(opts.url);
    } catch (e) {
      this.targetError = new SkywallError('protocol', (e as Error).message, { url: redactUrl(opts.url) });
    }
  }

  get state(): RtspSessionState {
    return this._state;
  }

  /** The stream URL without credentials. */
  get url(): string {
    return this.target?.url ?? redactUrl(this.opts.url);
  }

  /** The last track info emitted, if any. */
  get trackInfo(): TrackInfo | undefined {
    return this.tracksEmitted ? { video: this.videoInfo, audio: this.audioInfo } : undefined;
  }

  /** Replays: the span the recorder said it plays in its PLAY answer, if it said. */
  get playRange(): ClockRange | undefined {
    return this.recorderRange;
  }

  /**
   * Stops reading the connection until resumeReading(): a replay sent faster than real time
   * waits for a slower consumer (TCP slows the recorder). The no-data timeout is suspended.
   */
  pauseReading(): void {
    this.readingPaused = true;
    this.conn?.pauseReading();
  }

  resumeReading(): void {
    if (!this.readingPaused) return;
    this.readingPaused = false;
    this.lastRtpAt = Date.now();
    this.conn?.resumeReading();
  }

  get stats(): RtspStats {
    const s: RtspStats = {
      bytes: this.conn?.bytesReceived ?? 0,
      packets: 0,
      packetsLost: 0,
      framesDropped: this.droppedBeforeTracks,
      keyframes: 0,
      videoFrames: 0,
      audioFrames: 0,
      badPackets: this.unknownChannelPackets,
      earlyBytesDropped: this.earlyBytesDropped,
      oversizeDropped: 0,
      rtcpSent: this.rtcpSent,
    };
    for (const t of this.tracksList) {
      const d = t.stats;
      s.packets += d.packets;
      s.packetsLost += d.packetsLost;
      s.framesDropped += d.framesDropped;
      s.oversizeDropped += d.oversizeDropped;
      s.keyframes += d.keyframes;
      s.badPackets += d.badPayloads + t.badPackets;
      if (t.spec.kind === 'video') s.videoFrames += d.frames;
      else s.audioFrames += d.frames;
    }
    return s;
  }

  /** Resolves once PLAY succeeded; rejects with a SkywallError (then `close` follows, no `error` event). */
  start(): Promise<void> {
    if (this._state !== 'idle') return Promise.reject(new Error('RtspSession.start() may be called once'));
    this._state = 'starting';
    this.starting = this.run();
    return this.starting;
  }

  /** Sends TEARDOWN (best effort, short timeout) and closes. Safe to call in any state. */
  async stop(): Promise<void> {
    if (this._state === 'idle') {
      this.shutdown({ reason: 'stopped' });
      return;
    }
    if (this._state === 'starting' || (this._state === 'stopping' && this.starting)) {
      this._state = 'stopping';
      this.conn?.close();
      await this.starting?.catch(() => undefined); // start() rejects and emits close
      return;
    }
    if (this._state !== 'playing') return;
    this._state = 'stopping';
    this.clearTimers();
    try {
      await this.requester!.send('TEARDOWN', this.aggregateUrl, this.sessionHeaders(), Math.min(this.timeoutMs, 2000));
    } catch {
      // the server may already be gone; closing the socket ends the session either way
    }
    this.shutdown({ reason: 'stopped' });
  }

  private async run(): Promise<void> {
    try {
      if (!this.target) throw this.targetError!;
      await this.connectAndPlay(this.target);
      this.starting = undefined;
    } catch (e) {
      this.starting = undefined;
      const stopped = this._state !== 'starting';
      const err = stopped
        ? new SkywallError('internal', `${this.url}: stopped before the stream started`, { reason: 'stopped' })
        : isSkywallError(e)
          ? e
          : new SkywallError('internal', `${this.url}: ${(e as Error).message}`);
      this.conn?.close();
      this.shutdown(stopped ? { reason: 'stopped' } : { reason: 'error', error: err });
      throw err;
    }
  }

  private async connectAndPlay(target: RtspUrl): Promise<void> {
    const username = this.opts.username ?? target.username;
    const password = this.opts.password ?? target.password;
    const key = AuthLockout.key(target.host, target.port, username, password);
    this.lockout.check(key, target.host); // locked credentials never touch the network
    this.conn = await RtspConnection.connect(target.host, target.port, this.timeoutMs, this.opts.userAgent ?? 'Skywall');
    if (this._state !== 'starting') throw new Error('stopped');
    this.conn.events = {
      onInterleaved: (ch, data) => this.onInterleaved(ch, data),
      onClosed: (err) => this.onConnectionClosed(err),
    };
    this.requester = new RtspRequester(this.conn, { username, password }, this.lockout, key);
    const result = await negotiate(this.requester, target.url, {
      timeoutMs: this.timeoutMs,
      audio: this.opts.audio ?? true,
      ...(this.opts.replay ? { replay: this.opts.replay } : {}),
      sink: {
        onSample: (s) => this.onSample(s),
        onVideoInfo: (info) => this.onVideoInfo(info),
        onFatal: (e) => this.fail(new SkywallError(e.code, `${this.url}: ${e.message}`, e.params)),
      },
    });
    this.tracksList = result.tracks;
    this.sessionHeader = result.sessionId;
    this.aggregateUrl = result.aggregateUrl;
    this.keepaliveMethod = result.keepaliveMethod;
    this.keepaliveMs = Math.max(1000, (result.sessionTimeoutSec * 1000) / 2);
    this.audioInfo = result.audioInfo;
    this.recorderRange = result.playRange;
    if (this._state !== 'starting') throw new Error('stopped');
    this._state = 'playing';
    this.lastRtpAt = Date.now();
    this.startTimers();
    if (!this.tracksList.some((t) => t.spec.kind === 'video')) this.emitTracks();
    const queued = this.queued;
    this.queued = [];
    this.queuedBytes = 0;
    for (const [ch, data, at] of queued) this.dispatch(ch, data, at);
  }

  private sessionHeaders(): Array<[string, string]> {
    return this.sessionHeader ? [['Session', this.sessionHeader]] : [];
  }

  private onInterleaved(channel: number, data: Uint8Array): void {
    const now = Date.now();
    if (this._state === 'starting') {
      if (!this.conn?.hasSucceeded('SETUP')) {
        // No channel exists before SETUP: a server sending media now is broken or hostile.
        this.conn?.abort(new SkywallError('protocol', `${this.url}: the server sent media data before SETUP`, { url: this.url, reason: 'data_before_setup' }));
        return;
      }
      // Data right behind the PLAY answer: hold it until RTP-Info set the timestamp bases.
      if (this.queuedBytes + data.length > MAX_EARLY_BYTES) {
        this.earlyBytesDropped += data.length;
        return;
      }
      this.queuedBytes += data.length;
      this.queued.push([channel, data.slice(), now]);
      return;
    }
    if (this._state === 'playing') this.dispatch(channel, data, now);
  }

  private dispatch(channel: number, data: Uint8Array, now: number): void {
    for (const t of this.tracksList) {
      if (channel === t.rtpChannel) {
        if (t.handleRtp(data, now)) this.lastRtpAt = now;
        return;
      }
      if (channel === t.rtcpChannel) {
        t.handleRtcp(data, now);
        if (this.tracksList.every((x) => x.byeReceived)) this.end();
        return;
      }
    }
    this.unknownChannelPackets++;
  }

  private onVideoInfo(info: VideoTrackInfo): void {
    this.videoInfo = info;
    this.emitTracks();
  }

  private emitTracks(): void {
    this.tracksEmitted = true;
    this.emit('tracks', { video: this.videoInfo, audio: this.audioInfo });
  }

  private onSample(sample: MediaSample): void {
    if (this._state !== 'playing') return;
    if (!this.tracksEmitted) {
      this.droppedBeforeTracks++; // audio ahead of the first video keyframe
      return;
    }
    this.emit('sample', sample);
  }

  private startTimers(): void {
    const every = (ms: number, fn: () => void) => {
      const t = setInterval(fn, ms);
      t.unref();
      this.timers.push(t);
    };
    every(Math.min(1000, Math.max(50, this.noDataTimeoutMs / 4)), () => {
      if (this.readingPaused) return;
      const silent = Date.now() - this.lastRtpAt;
      if (silent > this.noDataTimeoutMs) {
        this.fail(new SkywallError('timeout', `${this.url}: no media data for ${silent} ms; the stream stalled`, { url: this.url, reason: 'no_data', ms: silent }));
      }
    });
    every(this.keepaliveMs, () => {
      this.requester?.send(this.keepaliveMethod, this.aggregateUrl, this.sessionHeaders(), this.timeoutMs).catch(() => undefined);
    });
    every(this.opts.rtcpIntervalMs ?? 5000, () => this.sendReceiverReports());
    // A first report soon after PLAY, so servers that watch RTCP see a live receiver early.
    const first = setTimeout(() => this.sendReceiverReports(), Math.min(1000, this.opts.rtcpIntervalMs ?? 5000));
    first.unref();
    this.timers.push(first);
  }

  private sendReceiverReports(): void {
    const now = Date.now();
    for (const t of this.tracksList) {
      const rr = t.receiverReport(this.ownSsrc, this.cname, now);
      if (rr && this.conn) {
        this.conn.sendInterleaved(t.rtcpChannel, rr);
        this.rtcpSent++;
      }
    }
  }

  private onConnectionClosed(err: SkywallError | undefined): void {
    if (this._state === 'playing') {
      this.fail(err ?? new SkywallError('unreachable', `${this.url}: connection closed`, { url: this.url, reason: 'closed' }));
    }
  }

  private end(): void {
    if (this._state !== 'playing') return;
    for (const t of this.tracksList) t.flush();
    this.shutdown({ reason: 'ended' });
  }

  private fail(err: SkywallError): void {
    if (this._state !== 'playing') return;
    this.shutdown({ reason: 'error', error: err }, true);
  }

  private shutdown(event: RtspCloseEvent, emitError = false): void {
    if (this._state === 'closed') return;
    this._state = 'closed';
    this.clearTimers();
    this.queued = [];
    this.queuedBytes = 0;
    this.conn?.close();
    if (emitError && event.error) this.emit('error', event.error);
    this.emit('close', event);
  }

  private clearTimers(): void {
    for (const t of this.timers) clearTimeout(t); // clears intervals too
    this.timers = [];
  }
}
