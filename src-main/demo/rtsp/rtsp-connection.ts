// One client TCP connection of the demo camera: answers RTSP requests and carries the RTP/RTCP
// of the sessions it set up (interleaved). Sessions live and die with their connection.
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { formatClockRange, parseClockRange } from '../../media/rtsp/replay-range.js';
import type { DemoArchive } from './archive.js';
import { ArchiveSession } from './archive-session.js';
import type { DemoClip } from './demo-clips.js';
import { MediaSession } from './media-session.js';
import type { RtspAuthenticator } from './rtsp-auth.js';
import { formatResponse, interleavedFrame, RtspRequestParser, type RtspRequest, type RtspResponse } from './rtsp-messages.js';
import { spanInUrl } from './url-span.js';
import { chooseTransport } from './rtsp-transport.js';
import { buildSdp, TRACK_CONTROL } from './sdp.js';
import type { DemoRtspFaults, RtspRequestLogEntry } from './server-types.js';

export interface ResolvedStream {
  path: string;
  clip: DemoClip;
  cameraName: string;
  /** A recording to replay (`Range: clock=`) instead of the live loop. */
  archive?: DemoArchive;
}

export interface ConnectionContext {
  /** Stream addressed by a request path: the stream itself or its track (…/trackID=0). */
  findStream(path: string): ResolvedStream | undefined;
  authenticator: RtspAuthenticator | undefined;
  faults(): DemoRtspFaults;
  /** True once after setNextResponseMalformed(). */
  takeMalformed(): boolean;
  log(entry: RtspRequestLogEntry): void;
  /** Clip picture a new session of this stream starts at. */
  startUnit(stream: ResolvedStream): number;
  sessionTimeoutSec: number;
  maxRtpPayload: number;
  aggregate: boolean;
  senderReportIntervalMs: number;
}

interface ClientSession {
  id: string;
  stream: ResolvedStream;
  media: MediaSession | ArchiveSession;
  trackUrl: string;
  channels: [number, number];
  timers: NodeJS.Timeout[];
}

const PUBLIC_METHODS = 'OPTIONS, DESCRIBE, SETUP, PLAY, GET_PARAMETER, TEARDOWN';

export class RtspConnection {
  private readonly parser = new RtspRequestParser();
  private readonly sessions = new Map<string, ClientSession>();
  private lastClientActivity = performance.now();
  /** The span a vendor playback URL named when the client described it (the later requests use the stream's base URL). */
  private urlSpan: { from: number; to: number } | undefined;
  private readonly idleTimer: NodeJS.Timeout;

  constructor(
    readonly id: number,
    private readonly socket: Socket,
    private readonly ctx: ConnectionContext,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('error', () => socket.destroy()); // client resets are normal; nothing to report
    socket.on('close', () => this.closeSessions());
    this.idleTimer = setInterval(() => this.checkIdle(), 1000);
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  get playingCount(): number {
    return [...this.sessions.values()].filter((s) => s.media.playing).length;
  }

  get framesSent(): number {
    return [...this.sessions.values()].reduce((n, s) => n + s.media.framesSent, 0);
  }

  destroy(): void {
    this.closeSessions();
    this.socket.destroy();
  }

  stall(ms: number): void {
    for (const s of this.sessions.values()) s.media.stall(ms);
  }

  private onData(chunk: Buffer): void {
    this.lastClientActivity = performance.now();
    let messages;
    try {
      messages = this.parser.push(chunk);
    } catch {
      this.socket.end(formatResponse(undefined, { status: 400, headers: [] }));
      return;
    }
    for (const m of messages) {
      // Interleaved data from a client is RTCP receiver reports: liveness only.
      if (m.kind === 'request') this.onRequest(m.request);
    }
  }

  private onRequest(req: RtspRequest): void {
    const cseq = req.headers.get('cseq');
    const sessionHeader = req.headers.get('session')?.split(';')[0].trim();
    const entry: RtspRequestLogEntry = {
      at: Date.now(),
      connectionId: this.id,
      method: req.method,
      uri: req.uri.replace(/^(rtsp:\/\/)[^/@]*@/i, '$1'), // never log userinfo
      cseq,
      session: sessionHeader,
      authScheme: req.headers.get('authorization')?.split(' ')[0],
      status: undefined,
    };
    this.ctx.log(entry);
    const faults = this.ctx.faults();
    if (faults.silent) return;
    const res = this.answer(req, cseq, sessionHeader, faults);
    entry.status = res.status;
    if (this.ctx.takeMalformed()) {
      this.socket.write(`RTSP/1.0 2x0 Broken\r\nCSeq ${cseq ?? '?'}\r\nContent-Length: many\r\n\r\n`);
      return;
    }
    this.socket.write(formatResponse(cseq, res));
    if (req.method === 'PLAY' && res.status === 200 && sessionHeader) this.startPlaying(sessionHeader, faults);
  }

  private answer(req: RtspRequest, cseq: string | undefined, sessionId: string | undefined, faults: DemoRtspFaults): RtspResponse {
    if (cseq === undefined) return { status: 400, headers: [] };
    const forced = faults.failMethods?.[req.method];
    if (forced !== undefined) return { status: forced, headers: [] };
    const auth = this.ctx.authenticator;
    if (auth && req.method !== 'OPTIONS' && !auth.verify(req.method, req.headers.get('authorization'))) {
      return { status: 401, headers: [['WWW-Authenticate', auth.challenge()]] };
    }
    if (req.method === 'OPTIONS') return { status: 200, headers: [['Public', PUBLIC_METHODS]] };
    if (!['DESCRIBE', 'SETUP', 'PLAY', 'GET_PARAMETER', 'TEARDOWN'].includes(req.method)) {
      return { status: 501, headers: [['Public', PUBLIC_METHODS]] };
    }
    const session = sessionId !== undefined ? this.sessions.get(sessionId) : undefined;
    if (sessionId !== undefined && !session) return { status: 454, headers: [] };
    const unsupported = unsupportedOptions(req.headers.get('require'), session?.stream ?? this.streamOf(req.uri));
    if (unsupported) return { status: 551, headers: [['Unsupported', unsupported]] };
    if (req.method === 'GET_PARAMETER') return { status: 200, headers: this.sessionHeader(session) };
    if (req.method === 'TEARDOWN') {
      if (session) this.closeSession(session);
      return { status: 200, headers: [] };
    }
    if (req.method === 'PLAY') {
      if (!session) return { status: 454, headers: [] };
      if (session.media instanceof ArchiveSession) return this.playArchive(req, session, session.media, cseq);
      const { seq, rtptime } = session.media.firstPacketInfo;
      return {
        status: 200,
        headers: [...this.sessionHeader(session), ['Range', 'npt=now-'], ['RTP-Info', `url=${session.trackUrl};seq=${seq};rtptime=${rtptime}`]],
      };
    }
    const stream = this.streamOf(req.uri);
    if (!stream) return { status: 404, headers: [] };
    if (req.method === 'DESCRIBE') {
      this.urlSpan = spanInUrl(req.uri);
      return this.describe(req.uri, stream, faults);
    }
    return this.setup(req, stream, session);
  }

  private streamOf(uri: string): ResolvedStream | undefined {
    const path = requestPath(uri);
    return path !== undefined ? this.ctx.findStream(path) : undefined;
  }

  /** PLAY of a recording: `Range: clock=` (default: the span the URL named, else all of it), `Scale` > 0, `Rate-Control`. */
  private playArchive(req: RtspRequest, session: ClientSession, media: ArchiveSession, cseq: string): RtspResponse {
    const archive = session.stream.archive!;
    const rangeHeader = req.headers.get('range');
    const fromStart = rangeHeader === undefined || /^\s*npt\s*=\s*0(\.0*)?\s*-\s*$/.test(rangeHeader);
    const asked = fromStart ? (this.urlSpan ?? { from: archive.startMs }) : parseClockRange(rangeHeader);
    if (!asked) return { status: 457, headers: [] };
    const span = asked.to !== undefined && asked.to <= asked.from ? undefined : archive.playable(asked.from, asked.to);
    if (!span) return { status: 457, headers: [] };
    const scaleHeader = req.headers.get('scale');
    const scale = scaleHeader === undefined ? 1 : Number(scaleHeader);
    // Reverse and paused playback are not offered by the demo recorder.
    if (!(scale > 0) || scale > 16) return { status: 551, headers: [['Unsupported', 'Scale']] };
    const rateControl = req.headers.get('rate-control')?.trim().toLowerCase() !== 'no';
    media.prepare({ span, rateControl, scale, cseq: Number(cseq) || 0 });
    const { seq, rtptime } = media.firstPacketInfo;
    const headers: Array<[string, string]> = [
      ...this.sessionHeader(session),
      ['Range', formatClockRange({ from: span.fromMs, to: span.toMs })],
      ['RTP-Info', `url=${session.trackUrl};seq=${seq};rtptime=${rtptime}`],
    ];
    if (scaleHeader !== undefined) headers.push(['Scale', String(scale)]);
    if (!rateControl) headers.push(['Rate-Control', 'no']);
    return { status: 200, headers };
  }

  private describe(uri: string, stream: ResolvedStream, faults: DemoRtspFaults): RtspResponse {
    const base = baseUrl(uri, stream.path);
    const archive = stream.archive;
    const sdp = buildSdp({
      clip: stream.clip,
      cameraName: stream.cameraName,
      serverAddress: this.socket.localAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
      sessionId: String(Date.now()),
      variant: faults.sdp ?? 'normal',
      ...(archive ? { recording: { range: formatClockRange({ from: archive.startMs, to: archive.endMs }), track: 'VIDEO001' } } : {}),
    });
    return { status: 200, headers: [['Content-Type', 'application/sdp'], ['Content-Base', base]], body: sdp };
  }

  private setup(req: RtspRequest, stream: ResolvedStream, existing: ClientSession | undefined): RtspResponse {
    const transport = chooseTransport(req.headers.get('transport'));
    if (transport.kind === 'unsupported') return { status: 461, headers: [] };
    if (existing) return { status: existing.stream === stream ? 455 : 459, headers: [] };
    const channels = transport.channels ?? this.freeChannels();
    const media = stream.archive
      ? new ArchiveSession({
          archive: stream.archive,
          rtpChannel: channels[0],
          rtcpChannel: channels[1],
          maxPayload: this.ctx.maxRtpPayload,
          aggregate: this.ctx.aggregate,
          write: (channel, packet) => this.writeInterleaved(channel, packet),
          backlogBytes: () => this.socket.writableLength,
          drained: () => this.drained(),
        })
      : new MediaSession({
      clip: stream.clip,
      startUnit: this.ctx.startUnit(stream),
      rtpChannel: channels[0],
      rtcpChannel: channels[1],
      maxPayload: this.ctx.maxRtpPayload,
      aggregate: this.ctx.aggregate,
      senderReportIntervalMs: this.ctx.senderReportIntervalMs,
      cname: `skywall-demo${stream.path}`,
      write: (channel, packet) => this.writeInterleaved(channel, packet),
          backlogBytes: () => this.socket.writableLength,
        });
    const session: ClientSession = {
      id: randomBytes(8).toString('hex').toUpperCase(),
      stream,
      media,
      trackUrl: `${baseUrl(req.uri, stream.path)}${TRACK_CONTROL}`,
      channels,
      timers: [],
    };
    this.sessions.set(session.id, session);
    const ssrc = media.ssrc.toString(16).toUpperCase().padStart(8, '0');
    return {
      status: 200,
      headers: [['Transport', `RTP/AVP/TCP;unicast;interleaved=${channels[0]}-${channels[1]};ssrc=${ssrc};mode="PLAY"`], ...this.sessionHeader(session)],
    };
  }

  private startPlaying(sessionId: string, faults: DemoRtspFaults): void {
    const session = this.sessions.get(sessionId);
    if (!session || session.media.playing) return;
    session.media.start();
    if (faults.dropAfterMs !== undefined) session.timers.push(setTimeout(() => this.destroy(), faults.dropAfterMs));
    if (faults.stallAfterMs !== undefined) session.timers.push(setTimeout(() => session.media.stall(Infinity), faults.stallAfterMs));
  }

  private sessionHeader(session: ClientSession | undefined): Array<[string, string]> {
    return session ? [['Session', `${session.id};timeout=${this.ctx.sessionTimeoutSec}`]] : [];
  }

  private freeChannels(): [number, number] {
    const used = new Set([...this.sessions.values()].map((s) => s.channels[0]));
    let rtp = 0;
    while (used.has(rtp)) rtp += 2;
    return [rtp, rtp + 1];
  }

  private drained(): Promise<void> {
    if (this.socket.destroyed || this.socket.writableLength === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.socket.off('drain', done);
        this.socket.off('close', done);
        resolve();
      };
      this.socket.once('drain', done);
      this.socket.once('close', done);
    });
  }

  private writeInterleaved(channel: number, packet: Uint8Array): boolean {
    if (this.socket.destroyed || !this.socket.writable) return false;
    this.socket.write(interleavedFrame(channel, packet));
    return true;
  }

  private checkIdle(): void {
    if (this.sessions.size === 0) return;
    if (performance.now() - this.lastClientActivity > this.ctx.sessionTimeoutSec * 1000) this.destroy();
  }

  private closeSession(session: ClientSession): void {
    session.media.stop();
    for (const t of session.timers) clearTimeout(t);
    this.sessions.delete(session.id);
  }

  private closeSessions(): void {
    clearInterval(this.idleTimer);
    for (const s of [...this.sessions.values()]) this.closeSession(s);
  }
}

/**
 * Option tags of a `Require` header the stream cannot honour, or undefined when all are fine:
 * an archive understands `onvif-replay`, a live stream nothing.
 */
function unsupportedOptions(require: string | undefined, stream: ResolvedStream | undefined): string | undefined {
  if (require === undefined) return undefined;
  const tags = require.split(',').map((t) => t.trim()).filter(Boolean);
  const refused = tags.filter((t) => !(stream?.archive && t.toLowerCase() === 'onvif-replay'));
  return refused.length > 0 ? refused.join(', ') : undefined;
}

/** Path of an rtsp:// request URI without a trailing slash; undefined for "*" or garbage. */
function requestPath(uri: string): string | undefined {
  try {
    const u = new URL(uri);
    return decodeURIComponent(u.pathname).replace(/\/+$/, '') || '/';
  } catch {
    return undefined;
  }
}

/** The URI the client used for the stream, ending in "/", as Content-Base and track URL base. */
function baseUrl(uri: string, streamPath: string): string {
  try {
    const u = new URL(uri);
    u.username = '';
    u.password = '';
    u.search = '';
    u.pathname = streamPath;
    return `${u.toString().replace(/\/+$/, '')}/`;
  } catch {
    return `${streamPath}/`;
  }
}
