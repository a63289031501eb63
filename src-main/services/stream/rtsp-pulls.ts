// The hub and what it pulls: for each source key, the RTSP or FLV source an adapter resolved
// (URL and credentials) or, for the `x264` variant, an ffmpeg re-encode of the camera's own
// stream. One camera session serves both. New credentials for a key retry it at once; an auth
// refusal otherwise stays until they change. A platform's play URL holds for one session: each
// reconnect asks the adapter for a fresh one (`renew`).
import { logger } from '../../base/log/index.js';
import { SkywallError } from '../../common/model/errors.js';
import { directKeyOf, formatSourceKey, parseSourceKey, type SourceKey } from '../../common/model/source-key.js';
import type { DeviceCredentials, VideoCodec } from '../../devices/index.js';
import { StreamHub, type HubConsumer, type HubStatus, type StreamBudget } from '../../media/hub/index.js';
import type { Producer } from '../../media/hub/index.js';
import { DeferredProducer } from '../../media/ingest/deferred-producer.js';
import { FlvProducer } from '../../media/ingest/flv-producer.js';
import { RtspProducer } from '../../media/ingest/rtsp-producer.js';
import { AuthLockout } from '../../media/rtsp/auth-lockout.js';
import { TranscodeProducer, type FfmpegInfo } from '../../media/transcode/index.js';

/** What the hub pulls for a camera's own stream: RTSP (the default) or a platform's FLV. */
export interface RtspTarget {
  url: string;
  credentials: DeviceCredentials;
  format?: 'rtsp' | 'flv';
  /** Pinned certificate for https/wss FLV. */
  pinSha256?: string;
  /** Asks for a fresh URL before every attempt after the first (platform play sessions end). */
  renew?: () => Promise<RtspTarget>;
  /** The device refused these credentials before (kept across restarts): never dial it. */
  refused?: true;
  /** Nothing pulls the camera any more: ends the platform's play session (WVP play/stop). */
  release?: () => void;
}

/** What a camera of a device under the lockout guard pulls: nothing, answered as auth_failed. */
export const REFUSED_TARGET: RtspTarget = { url: '', credentials: {}, refused: true };

export interface SourceProbe {
  /** The source's status right now (a blocked source says auth_failed at once). */
  status: HubStatus;
  /** The video codec, when the stream told it within the wait. */
  codec?: VideoCodec;
}

const transcodeLog = logger('transcode');

/** States after which no tracks will come soon: stop waiting for them. */
const NO_TRACKS_SOON = new Set<HubStatus['state']>(['auth_failed', 'unsupported', 'offline', 'reconnecting']);

function sameTarget(a: RtspTarget, b: RtspTarget): boolean {
  if (a.refused || b.refused) return a.refused === b.refused;
  if (a.renew || b.renew) return a.format === b.format && a.credentials.password === b.credentials.password; // URLs change every session
  return a.url === b.url && a.credentials.username === b.credentials.username && a.credentials.password === b.credentials.password;
}

export class RtspPulls {
  readonly hub: StreamHub;
  private readonly targets = new Map<string, RtspTarget>();
  private readonly lockout = new AuthLockout();
  /** Keys whose resolved URL was used by an attempt: the next attempt of a renewable one asks again. */
  private readonly usedOnce = new Set<string>();
  private ffmpeg: FfmpegInfo | undefined;

  constructor(graceMs: number, budget?: StreamBudget) {
    this.hub = new StreamHub({ graceMs, ...(budget ? { budget } : {}), producerFactory: (text) => this.produce(text), onSourceIdle: (text) => this.sourceIdle(text) });
  }

  /** ffmpeg for the `x264` variant (undefined: no re-encode possible). */
  setFfmpeg(ffmpeg: FfmpegInfo | undefined): void {
    this.ffmpeg = ffmpeg;
  }

  /**
   * Records what the camera's own stream of `key` pulls. When its URL or credentials differ from
   * before, the key and its re-encode reconnect now (lifting an auth refusal), not after backoff.
   */
  setTarget(key: SourceKey, target: RtspTarget): void {
    const direct = directKeyOf(key);
    const text = formatSourceKey(direct);
    const prev = this.targets.get(text);
    this.targets.set(text, target);
    this.usedOnce.delete(text);
    if (prev && !sameTarget(prev, target)) {
      this.hub.retry(text);
      this.hub.retry(formatSourceKey({ ...direct, variant: 'x264' }));
    }
  }

  /** The camera streams (direct keys) the hub pulls or pulled. */
  pulledKeys(): SourceKey[] {
    const out: SourceKey[] = [];
    for (const text of this.targets.keys()) {
      const k = parseSourceKey(text);
      if (k) out.push(k);
    }
    return out;
  }

  /**
   * Joins the source briefly: its current status at once, and with `waitForCodecMs` the video
   * codec from its tracks (started now if nobody pulls it yet; the pull then outlives the probe
   * by the grace period, so the player finds it warm).
   */
  probe(key: SourceKey, waitForCodecMs = 0): Promise<SourceProbe> {
    return new Promise((resolve) => {
      let status: HubStatus | undefined;
      let codec: VideoCodec | undefined;
      let done = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = (): void => {
        if (done || !status) return;
        done = true;
        clearTimeout(timer);
        queueMicrotask(() => unsubscribe());
        resolve(codec ? { status, codec } : { status });
      };
      const consumer: HubConsumer = {
        onTracks: (t) => {
          codec = t.video?.codec;
          if (codec) finish();
        },
        onSample: () => true,
        onStatus: (s) => {
          status = s;
          if (waitForCodecMs <= 0 || NO_TRACKS_SOON.has(s.state)) finish();
        },
      };
      const unsubscribe = this.hub.subscribe(formatSourceKey(key), consumer);
      if (!done) timer = setTimeout(finish, waitForCodecMs);
    });
  }

  close(): void {
    this.hub.close();
  }

  /** The last pull of a camera (any profile or re-encode) stopped: its platform session may end. */
  private sourceIdle(text: string): void {
    const cameraId = parseSourceKey(text)?.cameraId;
    if (cameraId === undefined) return;
    if (this.hub.keys().some((k) => parseSourceKey(k)?.cameraId === cameraId)) return;
    for (const [direct, target] of this.targets) {
      if (target.release && parseSourceKey(direct)?.cameraId === cameraId) return target.release();
    }
  }

  private produce(text: string) {
    const key = parseSourceKey(text);
    if (!key) throw new SkywallError('internal', `not a source key: ${text}`);
    const directText = formatSourceKey(directKeyOf(key));
    const target = this.targets.get(directText);
    if (!target) throw new SkywallError('not_found', `no source for ${text}`);
    if (target.refused) throw new SkywallError('auth_locked', 'the device refused these credentials; not retrying until they are edited');
    if (key.variant === 'x264') {
      const ffmpeg = this.ffmpeg;
      if (!ffmpeg) throw new SkywallError('unsupported_codec', 'ffmpeg with libx264 is not available to transcode this stream');
      // The producer subscribes from a microtask, i.e. outside this hub call.
      return new TranscodeProducer({ source: (consumer) => this.hub.subscribe(directText, consumer), ffmpeg, onLog: (line) => transcodeLog.warn(`${text}: ${line}`) });
    }
    const renew = target.renew;
    if (!renew || !this.usedOnce.has(directText)) {
      this.usedOnce.add(directText);
      return this.producerFor(target);
    }
    return new DeferredProducer(async () => {
      const fresh = await renew();
      this.targets.set(directText, { ...fresh, renew });
      return this.producerFor(fresh);
    });
  }

  private producerFor(target: RtspTarget): Producer {
    if (target.format === 'flv') return new FlvProducer({ url: target.url, ...(target.pinSha256 ? { tls: { pinSha256: target.pinSha256 } } : {}) });
    return new RtspProducer({ url: target.url, ...target.credentials, lockout: this.lockout, timeoutMs: 5000 });
  }
}
