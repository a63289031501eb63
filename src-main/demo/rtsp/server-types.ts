// Public shapes of the demo RTSP server: options, fault injection and the running server handle.
import type { DemoClipId } from './demo-clips.js';
import type { DemoRtspAuth } from './rtsp-auth.js';
import type { SdpVariant } from './sdp.js';

export type { DemoRtspAuth } from './rtsp-auth.js';
export type { SdpVariant } from './sdp.js';
export type { DemoClipId } from './demo-clips.js';

export interface DemoStreamConfig {
  /** URL path, e.g. "/demo/h264". */
  path: string;
  clip: DemoClipId;
  /** Shown as the SDP session name (s=). Default "Demo H.264" / "Demo H.265". */
  cameraName?: string;
  /** Loop only the first N pictures (cut at a keyframe) to reach the loop point sooner in tests. */
  maxFrames?: number;
}

export interface DemoArchiveConfig {
  /** URL path, e.g. "/demo/h264/archive". */
  path: string;
  clip: DemoClipId;
  cameraName?: string;
  /** Recorder time of the first picture, ms since the epoch, whole seconds. Default: so that the archive ends when the server starts. */
  startMs?: number;
  /** Whole seconds; default 30 minutes. */
  durationMs?: number;
  /** Spans without recording, ms after the start, whole seconds; default DEFAULT_ARCHIVE_GAPS (45 s, 100 s, 3 s). */
  gaps?: Array<{ fromMs: number; toMs: number }>;
}

export interface DemoRtspServerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (a free port chosen by the OS). */
  port?: number;
  /** No auth when absent. OPTIONS never needs auth; every other method does. */
  auth?: DemoRtspAuth;
  /** Default: /demo/h264 (clip h264) and /demo/h265 (clip h265). */
  streams?: DemoStreamConfig[];
  /** Recordings served with `Range: clock=`. Default /demo/h264/archive and /demo/h265/archive. */
  archives?: DemoArchiveConfig[];
  /** Folder holding demo/clips.json. Default resolveAssetsDir(). */
  assetsDir?: string;
  /** Advertised in the Session header and enforced: no request or RTCP from the client for this long closes the connection. Default 60. */
  sessionTimeoutSec?: number;
  /** Largest RTP payload before FU fragmentation. Default 1400. */
  maxRtpPayload?: number;
  /** Send parameter sets/SEI in STAP-A (H.264) or AP (H.265) packets. Default false. */
  aggregateParameterSets?: boolean;
  /** RTCP sender report period. Default 5000. */
  senderReportIntervalMs?: number;
}

/**
 * Misbehaviours for client tests. Read at the moment they matter, so tests may change them
 * on a running server (e.g. `server.faults.closeOnConnect = true`).
 */
export interface DemoRtspFaults {
  /** Accept each TCP connection and destroy it at once (camera refusing service). */
  closeOnConnect?: boolean;
  /** Read requests but never answer any (request-timeout tests). */
  silent?: boolean;
  /** Close the connection this many ms after PLAY starts the media. */
  dropAfterMs?: number;
  /** Stop sending media this many ms after PLAY; the connection stays open and RTSP is still answered. */
  stallAfterMs?: number;
  /** Shape of the SDP that DESCRIBE returns. Default 'normal'. */
  sdp?: SdpVariant;
  /** Answer these methods with this status instead of serving them, e.g. { DESCRIBE: 503 }. */
  failMethods?: Partial<Record<string, number>>;
}

export interface RtspRequestLogEntry {
  /** Date.now() when the request was parsed. */
  at: number;
  connectionId: number;
  method: string;
  /** Request URI as sent, with any user:password@ removed. */
  uri: string;
  cseq: string | undefined;
  session: string | undefined;
  /** Authorization scheme the client used ("Digest", "Basic"), never its value. */
  authScheme: string | undefined;
  /** Status the server answered, or undefined when it stayed silent. */
  status: number | undefined;
}

export interface DemoRtspServerStats {
  connections: number;
  sessions: number;
  playing: number;
  /** Pictures sent so far by sessions still open. */
  framesSent: number;
}

export interface DemoRtspServer {
  readonly host: string;
  readonly port: number;
  /** rtsp://host:port/path, with user:password@ when credentials are given (URL-encoded). */
  url(path: string, credentials?: { username: string; password: string }): string;
  /** Mutable fault switches; see DemoRtspFaults. */
  faults: DemoRtspFaults;
  /** Destroys every client TCP connection now (camera reboot / network cut). */
  dropAllConnections(): void;
  /** Pauses media on every playing session for `ms`; each resumes at its next keyframe. */
  stall(ms: number): void;
  /** The next RTSP response is replaced with an unparseable one. */
  setNextResponseMalformed(): void;
  /** Every request received, oldest first (last 1000). */
  readonly requestLog: readonly RtspRequestLogEntry[];
  /** Date.now() of every TCP connection accepted, oldest first (last 10 000): what a camera counts as attempts. */
  readonly acceptLog: readonly number[];
  stats(): DemoRtspServerStats;
  /** The recordings served: path and the spans recorded (ms since the epoch), gaps left out. */
  archives(): Array<{ path: string; sections: Array<{ from: number; to: number }> }>;
  /** Stops listening, ends all sessions and connections. */
  close(): Promise<void>;
}
