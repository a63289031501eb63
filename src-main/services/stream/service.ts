// Opens camera streams for tiles: RTSP goes through the hub and the live gateway (fMP4 per
// frame); platform FLV/TS/HLS URLs are pulled by the media relay, so the renderer only ever
// talks to 127.0.0.1 (FLV/TS bytes over a WebSocket, HLS through a proxy). With `transcode`, the hub's
// own stream of the camera (`<cameraId>:<profile>`) is piped through ffmpeg and re-encoded to
// H.264 under its own hub key (`…:x264`): one camera session either way, no URL for ffmpeg.
import { randomBytes } from 'node:crypto';
import type { StreamFacts } from '../../common/contract/index.js';
import { SkywallError } from '../../common/model/errors.js';
import type { EventBus } from '../../ipc/event-bus.js';
import { LiveGateway } from '../../media/gateway/index.js';
import { StreamHub, type HubStatus } from '../../media/hub/index.js';
import { RtspProducer } from '../../media/ingest/rtsp-producer.js';
import { AuthLockout } from '../../media/rtsp/auth-lockout.js';
import { MediaRelay } from '../../media/relay/index.js';
import { detectFfmpeg, TranscodeProducer, type FfmpegInfo } from '../../media/transcode/index.js';
import { logger } from '../../base/log/index.js';
import type { DevicesService } from '../devices/service.js';
import { classifyDirectUrl, isRtspUrl, relayedTransport } from './direct-url.js';

export interface StreamOpenOptions {
  /** Pull through ffmpeg and re-encode to H.264 (RTSP sources only; needs ffmpeg with libx264). */
  transcode?: boolean;
}

export interface StreamService {
  open(cameraId: string, profile: 'main' | 'sub', options?: StreamOpenOptions): Promise<StreamFacts>;
  close(streamId: string): void;
  hub: StreamHub;
  gateway: LiveGateway;
  /** Pulls platform URLs (FLV, TS, HLS) for the renderer. */
  relay: MediaRelay;
  dispose(): Promise<void>;
}

interface PullTarget {
  url: string;
  username?: string;
  password?: string;
}

export interface StreamServiceOptions {
  devices: DevicesService;
  bus: EventBus;
  /** Keep pulling this long after the last viewer left (default 10 s). */
  graceMs?: number;
  /** Finds ffmpeg for the transcode fallback (default detectFfmpeg(): SKYWALL_FFMPEG or PATH). */
  findFfmpeg?: () => Promise<FfmpegInfo | undefined>;
}

/** Hub keys of transcoded pulls end with this; the plain key is `<cameraId>:<profile>`. */
const TRANSCODE_SUFFIX = ':x264';
const transcodeLog = logger('transcode');

export async function createStreamService(opts: StreamServiceOptions): Promise<StreamService> {
  const targets = new Map<string, PullTarget>();
  const lockout = new AuthLockout();
  const findFfmpeg = opts.findFfmpeg ?? (() => detectFfmpeg());
  let ffmpeg: FfmpegInfo | undefined;
  const hub: StreamHub = new StreamHub({
    graceMs: opts.graceMs ?? 10_000,
    producerFactory: (key) => {
      if (key.endsWith(TRANSCODE_SUFFIX)) {
        const directKey = key.slice(0, -TRANSCODE_SUFFIX.length);
        if (!targets.has(directKey)) throw new SkywallError('not_found', `no source for ${key}`);
        if (!ffmpeg) throw new SkywallError('unsupported_codec', 'ffmpeg with libx264 is not available to transcode this stream');
        // The producer subscribes from a microtask, i.e. outside this hub call.
        return new TranscodeProducer({ source: (consumer) => hub.subscribe(directKey, consumer), ffmpeg, onLog: (line) => transcodeLog.warn(`${key}: ${line}`) });
      }
      const t = targets.get(key);
      if (!t) throw new SkywallError('not_found', `no source for ${key}`);
      return new RtspProducer({ ...t, lockout, timeoutMs: 5000 });
    },
  });
  const gateway = await LiveGateway.start({ hub });
  const relay = await MediaRelay.start();
  const open = new Map<string, string>(); // streamId -> hub key
  const relayed = new Set<string>(); // streamIds of platform URLs

  const publish = (streamId: string, s: HubStatus): void => {
    opts.bus.emit('sw:stream:onDidChangeStatus', {
      streamId,
      state: s.state,
      ...(s.retryInMs !== undefined ? { retryInMs: Math.max(0, Math.round(s.retryInMs)) } : {}),
      ...(s.errorCode !== undefined ? { errorCode: s.errorCode } : {}),
      ...(s.errorParams !== undefined ? { errorParams: s.errorParams } : {}),
    });
  };
  hub.onStatus((s) => {
    for (const [streamId, key] of open) if (key === s.key) publish(streamId, s);
  });

  return {
    hub,
    gateway,
    relay,
    async open(cameraId, profile, options = {}) {
      const found = await opts.devices.resolveCamera(cameraId);
      if (!found) throw new SkywallError('not_found', 'no such camera', { cameraId });
      const camera = found.device.cameras[found.cameraIndex]!;
      const source = camera.sources.find((s) => s.profile === profile) ?? camera.sources[0]!;
      const hasSubStream = camera.sources.some((s) => s.profile === 'sub' && s !== source);
      const streamId = `s-${randomBytes(9).toString('base64url')}`;
      if (isRtspUrl(source.url)) {
        ffmpeg = await findFfmpeg();
        const canTranscode = ffmpeg !== undefined;
        if (options.transcode && !canTranscode) {
          throw new SkywallError('unsupported_codec', 'this stream needs transcoding to H.264, but ffmpeg with libx264 was not found (install ffmpeg or set SKYWALL_FFMPEG)', { cameraId });
        }
        // The camera is pulled under its direct key only; a transcode reads that stream.
        const directKey = `${cameraId}:${source.profile}`;
        const key = options.transcode ? `${directKey}${TRANSCODE_SUFFIX}` : directKey;
        const next: PullTarget = { url: source.url, ...(found.device.username ? { username: found.device.username } : {}), ...(found.password ? { password: found.password } : {}) };
        const prev = targets.get(directKey);
        if (prev && (prev.username !== next.username || prev.password !== next.password || prev.url !== next.url)) {
          // New credentials: lift the lockout and retry now instead of waiting. A transcode that
          // stopped on auth_failed is blocked under its own key, so it is retried as well.
          lockout.reset();
          targets.set(directKey, next);
          hub.retry(directKey);
          hub.retry(`${directKey}${TRANSCODE_SUFFIX}`);
        }
        targets.set(directKey, next);
        open.set(streamId, key);
        const url = gateway.issue(streamId, { format: 'fmp4', key });
        const status = hub.status(key);
        if (status) queueMicrotask(() => publish(streamId, status));
        // A transcoded stream is H.264 whatever the camera sends.
        const videoCodec = options.transcode ? 'h264' : source.codec;
        return { streamId, url, transport: 'fmp4-ws', ...(videoCodec ? { videoCodec } : {}), hasSubStream, canTranscode };
      }
      const direct = classifyDirectUrl(source.url);
      if (!direct) throw new SkywallError('unsupported_codec', 'this URL cannot be played', { cameraId });
      // The renderer gets a loopback URL; the relay fetches the platform (no per-host connection
      // limit, no CSP hole, TLS pinning possible). Nothing here could transcode these.
      // TODO(devices): pass the device's pinned certificate as `tls` once devices store one.
      const transport = relayedTransport(direct);
      const upstream = { url: source.url };
      const url = transport === 'hls' ? relay.proxyHls(streamId, upstream) : relay.relayBytes(streamId, upstream);
      relayed.add(streamId);
      return { streamId, url, transport, ...(source.codec ? { videoCodec: source.codec } : {}), hasSubStream, canTranscode: false };
    },
    close(streamId) {
      if (relayed.delete(streamId)) return relay.closeStream(streamId);
      if (!open.delete(streamId)) return;
      gateway.closeStream(streamId);
    },
    async dispose() {
      await relay.close();
      await gateway.close();
      hub.close();
    },
  };
}
