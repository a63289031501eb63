// The built-in demo camera: an RTSP/1.0 server (TCP interleaved only) that loops the committed
// H.264/H.265 clips at real time, with optional auth and fault switches for client tests.
import { createServer, type Server, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { SkywallError } from '../../common/model/errors.js';
import { resolveAssetsDir } from '../assets-dir.js';
import { DEFAULT_ARCHIVE_MS, DemoArchive } from './archive.js';
import { loadDemoClips, truncateClip } from './demo-clips.js';
import { RtspAuthenticator } from './rtsp-auth.js';
import { RtspConnection, type ConnectionContext, type ResolvedStream } from './rtsp-connection.js';
import type { DemoArchiveConfig, DemoRtspFaults, DemoRtspServer, DemoRtspServerOptions, DemoRtspServerStats, DemoStreamConfig, RtspRequestLogEntry } from './server-types.js';

export const DEFAULT_DEMO_STREAMS: readonly DemoStreamConfig[] = [
  { path: '/demo/h264', clip: 'h264', cameraName: 'Demo H.264' },
  { path: '/demo/h265', clip: 'h265', cameraName: 'Demo H.265' },
];

export const DEFAULT_DEMO_ARCHIVES: readonly DemoArchiveConfig[] = [
  { path: '/demo/h264/archive', clip: 'h264', cameraName: 'Demo H.264 archive' },
  { path: '/demo/h265/archive', clip: 'h265', cameraName: 'Demo H.265 archive' },
];

const MAX_LOG_ENTRIES = 1000;
const MAX_ACCEPT_ENTRIES = 10_000;

function normalizePath(p: string): string {
  const withSlash = p.startsWith('/') ? p : `/${p}`;
  return withSlash.replace(/\/+$/, '') || '/';
}

export async function startDemoRtspServer(opts: DemoRtspServerOptions = {}): Promise<DemoRtspServer> {
  const host = opts.host ?? '127.0.0.1';
  const clips = await loadDemoClips(opts.assetsDir ?? resolveAssetsDir());
  const streams = new Map<string, ResolvedStream>();
  for (const cfg of opts.streams ?? DEFAULT_DEMO_STREAMS) {
    const clip = clips.get(cfg.clip);
    if (!clip) throw new SkywallError('not_found', `demo clip "${cfg.clip}" is not in clips.json`);
    const path = normalizePath(cfg.path);
    if (streams.has(path)) throw new SkywallError('conflict', `demo stream path ${path} is configured twice`);
    const cameraName = cfg.cameraName ?? `Demo ${clip.codec === 'h264' ? 'H.264' : 'H.265'}`;
    streams.set(path, { path, clip: cfg.maxFrames ? truncateClip(clip, cfg.maxFrames) : clip, cameraName });
  }
  // By default a recording that ends when the server starts.
  const defaultStart = Math.floor((Date.now() - DEFAULT_ARCHIVE_MS) / 1000) * 1000;
  for (const cfg of opts.archives ?? DEFAULT_DEMO_ARCHIVES) {
    const clip = clips.get(cfg.clip);
    if (!clip) throw new SkywallError('not_found', `demo clip "${cfg.clip}" is not in clips.json`);
    const path = normalizePath(cfg.path);
    if (streams.has(path)) throw new SkywallError('conflict', `demo stream path ${path} is configured twice`);
    const durationMs = cfg.durationMs ?? DEFAULT_ARCHIVE_MS;
    const archive = new DemoArchive(clip, cfg.startMs ?? defaultStart + DEFAULT_ARCHIVE_MS - durationMs, durationMs, cfg.gaps);
    streams.set(path, { path, clip, cameraName: cfg.cameraName ?? `Demo ${clip.codec === 'h264' ? 'H.264' : 'H.265'} archive`, archive });
  }

  const server = new DemoRtspServerImpl(host, streams, opts);
  await server.listen(opts.port ?? 0);
  return server;
}

class DemoRtspServerImpl implements DemoRtspServer {
  faults: DemoRtspFaults = {};
  readonly requestLog: RtspRequestLogEntry[] = [];
  readonly acceptLog: number[] = [];
  private readonly net: Server;
  private readonly connections = new Set<RtspConnection>();
  private readonly clockStart = performance.now();
  private nextConnectionId = 1;
  private malformedPending = false;
  private listeningPort = 0;
  private readonly ctx: ConnectionContext;

  constructor(
    readonly host: string,
    private readonly streams: Map<string, ResolvedStream>,
    opts: DemoRtspServerOptions,
  ) {
    this.ctx = {
      findStream: (p) => this.findStream(p),
      authenticator: opts.auth ? new RtspAuthenticator(opts.auth) : undefined,
      faults: () => this.faults,
      takeMalformed: () => {
        const pending = this.malformedPending;
        this.malformedPending = false;
        return pending;
      },
      log: (entry) => {
        this.requestLog.push(entry);
        if (this.requestLog.length > MAX_LOG_ENTRIES) this.requestLog.shift();
      },
      startUnit: (stream) => this.startUnit(stream),
      sessionTimeoutSec: opts.sessionTimeoutSec ?? 60,
      maxRtpPayload: opts.maxRtpPayload ?? 1400,
      aggregate: opts.aggregateParameterSets ?? false,
      senderReportIntervalMs: opts.senderReportIntervalMs ?? 5000,
    };
    this.net = createServer((socket) => this.onConnection(socket));
  }

  get port(): number {
    return this.listeningPort;
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (e: NodeJS.ErrnoException): void => {
        reject(new SkywallError('conflict', `demo RTSP server cannot listen on ${this.host}:${port}: ${e.code ?? e.message}`));
      };
      this.net.once('error', onError);
      this.net.listen(port, this.host, () => {
        this.net.off('error', onError);
        const addr = this.net.address();
        this.listeningPort = typeof addr === 'object' && addr ? addr.port : port;
        resolve();
      });
    });
  }

  url(path: string, credentials?: { username: string; password: string }): string {
    const hostPart = this.host.includes(':') ? `[${this.host}]` : this.host;
    const userInfo = credentials ? `${encodeURIComponent(credentials.username)}:${encodeURIComponent(credentials.password)}@` : '';
    return `rtsp://${userInfo}${hostPart}:${this.port}${normalizePath(path)}`;
  }

  dropAllConnections(): void {
    for (const c of this.connections) c.destroy();
  }

  stall(ms: number): void {
    for (const c of this.connections) c.stall(ms);
  }

  setNextResponseMalformed(): void {
    this.malformedPending = true;
  }

  stats(): DemoRtspServerStats {
    let sessions = 0;
    let playing = 0;
    let framesSent = 0;
    for (const c of this.connections) {
      sessions += c.sessionCount;
      playing += c.playingCount;
      framesSent += c.framesSent;
    }
    return { connections: this.connections.size, sessions, playing, framesSent };
  }

  archives(): Array<{ path: string; sections: Array<{ from: number; to: number }> }> {
    return [...this.streams.values()].flatMap((s) => (s.archive ? [{ path: s.path, sections: s.archive.sections.map((x) => ({ from: x.fromMs, to: x.toMs })) }] : []));
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.net.close(() => resolve());
      this.dropAllConnections();
    });
  }

  private onConnection(socket: Socket): void {
    this.acceptLog.push(Date.now());
    if (this.acceptLog.length > MAX_ACCEPT_ENTRIES) this.acceptLog.shift();
    if (this.faults.closeOnConnect) {
      socket.on('error', () => undefined);
      socket.destroy();
      return;
    }
    const conn = new RtspConnection(this.nextConnectionId++, socket, this.ctx);
    this.connections.add(conn);
    socket.on('close', () => this.connections.delete(conn));
  }

  private findStream(path: string): ResolvedStream | undefined {
    const direct = this.streams.get(path);
    if (direct) return direct;
    const slash = path.lastIndexOf('/');
    if (slash <= 0) return undefined;
    // SETUP addresses the track: <stream path>/trackID=0
    return path.slice(slash + 1).toLowerCase().startsWith('trackid=') ? this.streams.get(path.slice(0, slash)) : undefined;
  }

  /** Latest keyframe at or before the stream's shared clock, so viewers of one camera see about the same picture. */
  private startUnit(stream: ResolvedStream): number {
    const { units, fps } = stream.clip;
    const position = Math.floor(((performance.now() - this.clockStart) * fps) / 1000) % units.length;
    for (let i = position; i > 0; i--) if (units[i].keyframe) return i;
    return 0;
  }
}
