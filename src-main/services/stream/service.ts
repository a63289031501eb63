// Opens camera streams for tiles in one round trip: the camera's device adapter says where the
// stream comes from, the window's decoders and what the device offers decide the plan (as it is,
// sub-stream, H.264 re-encode, or dark), and the answer carries the source's current status.
// RTSP and platform FLV (HTTP or WebSocket) go through the hub and the live gateway (fMP4 per
// frame); platform TS and HLS links are pulled by the media relay, so the renderer only ever
// talks to 127.0.0.1.
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { logger, redactValue } from '../../base/log/index.js';
import type { StreamFacts, StreamOpenAnswer, StreamOpenRequest, TileWish } from '../../common/contract/index.js';
import { SkywallError } from '../../common/model/errors.js';
import { formatSourceKey, sourceKey, type SourceKey } from '../../common/model/source-key.js';
import type { DeviceAdapterRegistry, LiveSource } from '../../devices/index.js';
import type { EventBus } from '../../ipc/event-bus.js';
import { LiveGateway } from '../../media/gateway/index.js';
import { BudgetArbiter, StreamBudget, describeCamera, transcodeCapForCpus, type HubStatus, type StreamHub } from '../../media/hub/index.js';
import { MediaRelay } from '../../media/relay/index.js';
import { detectFfmpeg, type FfmpegInfo } from '../../media/transcode/index.js';
import type { DevicesService } from '../devices/service.js';
import { codecMatters, hubTakes, planStream, type HubSource, type PlanCandidate } from './plan.js';
import { REFUSED_TARGET, RtspPulls, type RtspTarget } from './rtsp-pulls.js';
import { resolveChannel, type ResolvedChannel } from './resolve-channel.js';

export interface StreamService {
  open(request: StreamOpenRequest): Promise<StreamOpenAnswer>;
  close(streamId: string): void;
  /** The operator asks: the stream's source connects again now, unless it holds refused credentials or format. */
  reconnect(streamId: string): void;
  /** Keyframes only for this stream's players (the page is overloaded), or every frame again. */
  setKeyframesOnly(streamId: string, on: boolean): void;
  /** Re-reads the credentials of every device being pulled; a device whose credentials changed reconnects now. */
  refreshCredentials(): Promise<void>;
  /** A tile's wish for the stream budget (media/hub/budget-arbiter.ts). */
  tileWish(wish: TileWish): void;
  hub: StreamHub;
  gateway: LiveGateway;
  /** Pulls platform URLs (FLV, TS, HLS) for the renderer. */
  relay: MediaRelay;
  dispose(): Promise<void>;
}

export interface StreamServiceOptions {
  devices: DevicesService;
  adapters: DeviceAdapterRegistry;
  bus: EventBus;
  /** Keep pulling this long after the last viewer left (default 10 s). */
  graceMs?: number;
  /** Finds ffmpeg for the transcode fallback (default detectFfmpeg(): SKYWALL_FFMPEG or PATH). */
  findFfmpeg?: () => Promise<FfmpegInfo | undefined>;
  /** How long an open may wait for a stream to name its codec when the plan depends on it (default 4 s). */
  codecWaitMs?: number;
  /** Re-encodes at once (default: one per core beyond the first, at least one). */
  maxTranscodes?: number;
}

type StatusView = StreamFacts['status'];

const streamLog = logger('stream');

function statusView(s: HubStatus): StatusView {
  return {
    state: s.state,
    ...(s.retryInMs !== undefined ? { retryInMs: Math.max(0, Math.round(s.retryInMs)) } : {}),
    ...(s.errorCode !== undefined ? { errorCode: s.errorCode } : {}),
    // A parameter may quote a platform's play URL (a bearer token): masked before it leaves main.
    ...(s.errorParams !== undefined ? { errorParams: redactValue(s.errorParams) } : {}),
  };
}

export async function createStreamService(opts: StreamServiceOptions): Promise<StreamService> {
  // Per-device stream and bandwidth limits, and the workstation's re-encode cap (media/hub/budget.ts).
  const budget = new StreamBudget({ maxTranscodes: opts.maxTranscodes ?? transcodeCapForCpus(availableParallelism()) });
  const pulls = new RtspPulls(opts.graceMs ?? 10_000, budget);
  const hub = pulls.hub;
  // Sub-streams before refusals: who on a full device plays main (tiles told by onDidCapTile).
  const arbiter = new BudgetArbiter({ budget, onCap: (viewer, capped) => opts.bus.emit('sw:stream:onDidCapTile', { viewer, capped }) });
  const budgetGroups = new Set<string>();
  const findFfmpeg = opts.findFfmpeg ?? (() => detectFfmpeg());
  const gateway = await LiveGateway.start({ hub });
  const relay = await MediaRelay.start();
  const open = new Map<string, string>(); // streamId -> hub key
  const relayed = new Set<string>(); // streamIds of platform URLs

  hub.onStatus((s) => {
    if (s.errorCode === 'over_budget') arbiter.setWaiting(s.key, true);
    else if (s.state === 'connecting' || s.state === 'live') arbiter.setWaiting(s.key, false);
    for (const [streamId, key] of open) if (key === s.key) opts.bus.emit('sw:stream:onDidChangeStatus', { streamId, ...statusView(s) });
  });

  /** The requested profile, or main when the camera has no such profile (a 4-up wall asks for sub). */
  const sourceFor = async (ch: ResolvedChannel, profile: 'main' | 'sub'): Promise<{ profile: 'main' | 'sub'; source: LiveSource }> => {
    try {
      return { profile, source: await ch.adapter.liveSource(ch.device, ch.channel, profile) };
    } catch (e) {
      if (profile === 'main' || !(e instanceof SkywallError) || e.code !== 'not_found') throw e;
      return { profile: 'main', source: await ch.adapter.liveSource(ch.device, ch.channel, 'main') };
    }
  };

  const subFor = async (ch: ResolvedChannel): Promise<PlanCandidate | undefined> => {
    try {
      return { source: await ch.adapter.liveSource(ch.device, ch.channel, 'sub') };
    } catch (e) {
      if (e instanceof SkywallError && e.code === 'not_found') return undefined;
      throw e;
    }
  };

  const targetOf = (source: HubSource): RtspTarget =>
    source.kind === 'rtsp'
      ? { url: source.url, credentials: source.credentials }
      : { url: source.url, credentials: {}, format: 'flv', ...(source.tls ? { pinSha256: source.tls.pinSha256 } : {}) };

  /** Records what the hub pulls for `key`; a platform's play URL is asked for again before each reconnect. */
  const pullRtsp = (key: SourceKey, source: HubSource, ch?: ResolvedChannel): void => {
    const target = targetOf(source);
    const adapter = ch?.adapter;
    if (ch && adapter?.releaseLive) {
      target.release = () => void adapter.releaseLive!(ch.device, ch.channel).catch((e: unknown) => streamLog.warn(`ending the platform session of ${key.cameraId}: ${e instanceof Error ? e.message : String(e)}`));
    }
    if (source.renewable && ch) {
      target.renew = async () => {
        const fresh = await ch.adapter.liveSource(ch.device, ch.channel, key.profile);
        if (!hubTakes(fresh)) throw new SkywallError('unsupported_codec', 'the platform changed the stream format');
        return { ...targetOf(fresh), ...(target.release ? { release: target.release } : {}) };
      };
    }
    pulls.setTarget(key, target);
  };

  const playRtsp = async (streamId: string, key: SourceKey, viewer?: string): Promise<Pick<StreamFacts, 'url' | 'transport' | 'status'>> => {
    const text = formatSourceKey(key);
    open.set(streamId, text);
    if (key.profile !== 'third') arbiter.opened(streamId, viewer, key.cameraId, key.profile);
    const url = gateway.issue(streamId, { format: 'fmp4', key: text });
    const { status } = await pulls.probe(key);
    return { url, transport: 'fmp4-ws', status: statusView(status) };
  };

  const playRelayed = (streamId: string, source: Extract<LiveSource, { kind: 'relay' }>): Pick<StreamFacts, 'url' | 'transport' | 'status'> => {
    // The renderer gets a loopback URL; the relay fetches the platform (no per-host connection
    // limit, no CSP hole, TLS pinning possible).
    // TODO(devices): pass the device's pinned certificate as `tls` once devices store one.
    const upstream = { url: source.url };
    const transport = source.input === 'flv-http' ? 'flv-ws' : source.input;
    const url = transport === 'hls' ? relay.proxyHls(streamId, upstream) : relay.relayBytes(streamId, upstream);
    relayed.add(streamId);
    // The relay connects when the player does; nothing is known of the platform before that.
    return { url, transport, status: { state: 'connecting' } };
  };

  /**
   * A device under the lockout guard (it refused its credentials, maybe before a restart): the
   * tile gets a stream that says auth_failed at once, and the device is not contacted.
   */
  const openRefused = async (req: StreamOpenRequest): Promise<StreamOpenAnswer> => {
    const key = sourceKey(req.cameraId, req.profile);
    pulls.setTarget(key, REFUSED_TARGET);
    const streamId = `s-${randomBytes(9).toString('base64url')}`;
    const played = await playRtsp(streamId, key);
    return { plan: 'as_is', streamId, ...played, status: { state: 'auth_failed', errorCode: 'auth_locked' }, profile: req.profile };
  };

  /** The device's answer, or the lockout: a refusal is kept in the device record for next time. */
  const sourceOrRefusal = async (ch: ResolvedChannel, profile: 'main' | 'sub'): Promise<{ profile: 'main' | 'sub'; source: LiveSource } | 'refused'> => {
    try {
      return await sourceFor(ch, profile);
    } catch (e) {
      if (!(e instanceof SkywallError) || (e.code !== 'auth_failed' && e.code !== 'auth_locked')) throw e;
      await opts.devices.noteLoginRefused(ch.device.config.id);
      return 'refused';
    }
  };

  return {
    hub,
    gateway,
    relay,
    async open(req) {
      const ch = await resolveChannel(opts.devices, opts.adapters, req.cameraId);
      if (ch.device.config.loginRefused) return openRefused(req);
      describeCamera(budget, ch.device.config, req.cameraId);
      budgetGroups.add(ch.device.config.id);
      const answer = await sourceOrRefusal(ch, arbiter.profileFor(req.viewer, req.cameraId, req.profile));
      if (answer === 'refused') return openRefused(req);
      const requested = answer;
      const candidate: PlanCandidate = { source: requested.source };
      const ffmpeg = hubTakes(requested.source) ? await findFfmpeg() : undefined;
      pulls.setFfmpeg(ffmpeg);
      if (hubTakes(requested.source)) {
        const key = sourceKey(req.cameraId, requested.profile);
        pullRtsp(key, requested.source, ch);
        // The device did not name the codec and the plan depends on it: ask the stream.
        if (!requested.source.codec && codecMatters(req.decode)) {
          const probe = await pulls.probe(key, opts.codecWaitMs ?? 4000);
          if (probe.codec) candidate.codec = probe.codec;
        }
      }
      const sub = requested.profile === 'main' && codecMatters(req.decode) ? await subFor(ch) : undefined;
      const plan = planStream({ requested: candidate, sub, decode: req.decode, forceTranscode: req.transcode === true, canTranscode: ffmpeg !== undefined });
      const codec = candidate.codec ?? requested.source.codec;
      if (plan.plan === 'dark') return { plan: 'dark', reason: plan.reason, ...(codec ? { videoCodec: codec } : {}) };

      const streamId = `s-${randomBytes(9).toString('base64url')}`;
      const reason = plan.plan === 'as_is' ? {} : { reason: plan.reason };
      if (plan.plan === 'sub_stream') {
        const source = sub!.source;
        const key = sourceKey(req.cameraId, 'sub');
        if (hubTakes(source)) pullRtsp(key, source, ch);
        const played = hubTakes(source) ? await playRtsp(streamId, key, req.viewer) : playRelayed(streamId, source);
        return { plan: 'sub_stream', ...reason, streamId, ...played, profile: 'sub', ...(source.codec ? { videoCodec: source.codec } : {}) };
      }
      if (plan.plan === 'transcode') {
        // A transcoded stream is H.264 whatever the camera sends.
        const played = await playRtsp(streamId, sourceKey(req.cameraId, requested.profile, 'x264'), req.viewer);
        return { plan: 'transcode', ...reason, streamId, ...played, profile: requested.profile, videoCodec: 'h264' };
      }
      const source = requested.source;
      const played = hubTakes(source) ? await playRtsp(streamId, sourceKey(req.cameraId, requested.profile), req.viewer) : playRelayed(streamId, source);
      return { plan: 'as_is', streamId, ...played, profile: requested.profile, ...(codec ? { videoCodec: codec } : {}) };
    },
    close(streamId) {
      if (relayed.delete(streamId)) return relay.closeStream(streamId);
      if (!open.delete(streamId)) return;
      gateway.closeStream(streamId);
      arbiter.closed(streamId);
    },
    reconnect(streamId) {
      const key = open.get(streamId);
      if (!key) return;
      const state = hub.status(key)?.state;
      // A refusal is lifted only by a change of the device (refreshCredentials): no login storm.
      if (state === 'auth_failed' || state === 'unsupported' || state === 'live') return;
      hub.retry(key);
    },
    setKeyframesOnly(streamId, on) {
      // Relayed platform streams pass through as bytes: nothing to thin out there.
      if (open.has(streamId)) gateway.setKeyframesOnly(streamId, on);
    },
    async refreshCredentials() {
      for (const key of pulls.pulledKeys()) {
        try {
          const ch = await resolveChannel(opts.devices, opts.adapters, key.cameraId);
          if (ch.device.config.loginRefused) {
            pulls.setTarget(key, REFUSED_TARGET);
            continue;
          }
          describeCamera(budget, ch.device.config, key.cameraId);
          const source = await ch.adapter.liveSource(ch.device, ch.channel, key.profile);
          if (hubTakes(source)) pullRtsp(key, source, ch);
        } catch {
          // The camera is gone or its device unreachable: nothing to reconnect.
        }
      }
      // Edited limits: parked streams that fit now start; tiles move up or down to fit them.
      hub.budgetChanged();
      for (const group of budgetGroups) arbiter.rebalance(group);
    },
    tileWish(wish) {
      if (wish.gone) return arbiter.dropViewer(wish.viewer);
      arbiter.setWish(wish.viewer, { wants: wish.wants, selected: wish.selected, maximised: wish.maximised, areaPx: wish.areaPx });
    },
    async dispose() {
      await relay.close();
      await gateway.close();
      arbiter.dispose();
      pulls.close();
    },
  };
}
