// ONVIF devices behind the adapter port: the description and stream URIs come from the device
// (Media2 where offered), PTZ through the device's PTZ service, recordings through its Profile G
// services (onvif-playback-capability.ts). Each video source is a channel
// (a camera has one, an NVR one per recorded camera); its playable profiles ranked by picture
// size become main, sub and third. A stored camera finds its channel by the source token kept
// as its externalId, else by its position.
import { SkywallError } from '../../common/model/errors.js';
import { STREAM_PROFILES, type ChannelProfile } from '../../common/model/source-key.js';
import { parseStreamUrl } from '../../common/model/stream-url.js';
import type { ChannelRef, DeviceAdapter, DeviceDescription, DeviceHandle, LiveSource } from '../adapter.js';
import type { ChannelTarget, PtzCapability, PtzLensAction } from '../capabilities.js';
import { onvifPlayback } from './onvif-playback-capability.js';
import { OnvifSessions, type OnvifChannel } from './onvif-sessions.js';
import type { OnvifProfile, OnvifPtz } from './onvif-types.js';

export interface OnvifAdapterOptions {
  /** Per ONVIF call (default 5 s). */
  timeoutMs?: number;
  /** Shared with other adapters that speak ONVIF (the demo's PTZ). */
  sessions?: OnvifSessions;
}

/** The device channel a stored camera shows. */
async function channelOf(sessions: OnvifSessions, device: DeviceHandle, channel: ChannelRef): Promise<OnvifChannel> {
  const channels = await sessions.channels(device);
  const stored = device.config.cameras[channel.index];
  const byToken = stored?.externalId !== undefined ? channels.find((c) => c.sourceToken === stored.externalId) : undefined;
  const found = byToken ?? (stored?.externalId === undefined ? channels[channel.index] : undefined);
  if (!found) throw new SkywallError('not_found', 'this ONVIF device has no such video channel', { cameraId: channel.cameraId });
  return found;
}

/** The ONVIF profile behind a Skywall profile (main = largest picture). */
function profileFor(ranked: OnvifProfile[], profile: ChannelProfile, cameraId: string): OnvifProfile {
  const p = ranked[STREAM_PROFILES.indexOf(profile)];
  if (!p) throw new SkywallError('not_found', `this camera has no ${profile} stream`, { cameraId, profile });
  return p;
}

/** A device's stream URI as a live source: credentials from the vault, never in the URL. */
async function rtspSource(uri: string, device: DeviceHandle, codec: OnvifProfile['codec'], cameraId: string): Promise<LiveSource> {
  const parsed = parseStreamUrl(uri, { badEscape: 'keep' });
  if (!parsed.ok || (parsed.value.scheme !== 'rtsp' && parsed.value.scheme !== 'rtsps')) {
    throw new SkywallError('protocol', 'the device reported a stream address that is not RTSP', { cameraId });
  }
  const credentials = await device.credentials();
  return { kind: 'rtsp', url: parsed.value.url, credentials, ...(codec ? { codec } : {}) };
}

/** Which ONVIF device and profile token steer a channel. */
export type PtzRoute = (target: ChannelTarget) => Promise<{ device: DeviceHandle; token: string }>;

/** PTZ over ONVIF for any adapter that can route a channel to an ONVIF device and profile. */
export function onvifPtz(sessions: OnvifSessions, route: PtzRoute): PtzCapability {
  const run = async <T>(target: ChannelTarget, act: (ptz: OnvifPtz, token: string) => Promise<T>): Promise<T> => {
    const { device, token } = await route(target);
    return act((await sessions.device(device)).ptz, token);
  };
  // Focus and iris belong to the video source the steering profile shows (Imaging service).
  const lens = async (target: ChannelTarget, action: PtzLensAction, speed: number): Promise<void> => {
    const { device, token } = await route(target);
    const dev = await sessions.device(device);
    // Nothing of the lens can be moving on a device without Imaging: its stop has nothing to do.
    if (action === 'lens_stop' && !dev.hasImagingService) return;
    if (!dev.hasImagingService) throw new SkywallError('ptz_unsupported', 'this camera offers no focus or iris control (no ONVIF Imaging service)', { cameraId: target.channel.cameraId });
    const source = (await sessions.channels(device)).find((c) => c.ranked.some((p) => p.token === token))?.sourceToken;
    if (!source) throw new SkywallError('ptz_unsupported', 'this camera names no video source for focus and iris', { cameraId: target.channel.cameraId });
    const s = Math.min(1, Math.max(0.05, speed));
    if (action === 'focus_near' || action === 'focus_far') return dev.imaging.focusMove(source, action === 'focus_near' ? -s : s);
    if (action === 'focus_auto') return dev.imaging.focusAuto(source);
    if (action === 'iris_open' || action === 'iris_close') return void (await dev.imaging.irisStep(source, action === 'iris_open' ? 1 : -1));
    return dev.imaging.stop(source);
  };
  return {
    continuousMove: (t, v, o) => run(t, (ptz, token) => ptz.continuousMove(token, { x: v.pan, y: v.tilt, zoom: v.zoom }, o?.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {})),
    stop: (t) => run(t, (ptz, token) => ptz.stop(token)),
    presets: (t) => run(t, async (ptz, token) => (await ptz.presets(token)).map((p) => ({ token: p.token, name: p.name }))),
    gotoPreset: (t, preset, speed) => run(t, (ptz, token) => ptz.gotoPreset(token, preset, speed === undefined ? undefined : { x: speed, y: speed, zoom: speed })),
    setPreset: (t, name, preset) => run(t, (ptz, token) => ptz.setPreset(token, name, preset)),
    removePreset: (t, preset) => run(t, (ptz, token) => ptz.removePreset(token, preset)),
    home: (t) => run(t, (ptz, token) => ptz.home(token)),
    relativeMove: (t, v) => run(t, (ptz, token) => ptz.relativeMove(token, { x: v.pan, y: v.tilt, zoom: v.zoom })),
    lens,
  };
}

export function createOnvifAdapter(options: OnvifAdapterOptions = {}): DeviceAdapter {
  const sessions = options.sessions ?? new OnvifSessions(options.timeoutMs);
  return {
    async describe(device): Promise<DeviceDescription> {
      const dev = await sessions.device(device);
      const channels = await sessions.channels(device, true);
      const info = await dev.info();
      const base = info.model || device.config.name;
      return {
        manufacturer: info.manufacturer,
        model: info.model,
        firmwareVersion: info.firmwareVersion,
        serialNumber: info.serialNumber,
        clockOffsetMs: dev.clockOffsetMs,
        channels: channels.map((ch, i) => ({
          id: ch.sourceToken || `video-${i + 1}`,
          name: device.config.cameras[i]?.name ?? (channels.length > 1 ? `${base} ${i + 1}` : base),
          ptz: dev.hasPtzService && ch.ranked.some((p) => p.hasPtz),
          profiles: ch.ranked.slice(0, STREAM_PROFILES.length).map((p, n) => ({ profile: STREAM_PROFILES[n]!, ...(p.codec ? { codec: p.codec } : {}), width: p.width, height: p.height })),
        })),
      };
    },
    async liveSource(device, channel, profile) {
      const chosen = profileFor((await channelOf(sessions, device, channel)).ranked, profile, channel.cameraId);
      const dev = await sessions.device(device);
      return rtspSource(await dev.streamUri(chosen.token), device, chosen.codec, channel.cameraId);
    },
    playback: onvifPlayback(sessions, { channelOf, rtspSource }),
    ptz: onvifPtz(sessions, async (target) => {
      const steer = (await channelOf(sessions, target.device, target.channel)).ranked.find((p) => p.hasPtz);
      if (!steer) throw new SkywallError('not_found', 'this camera cannot pan, tilt or zoom', { cameraId: target.channel.cameraId });
      return { device: target.device, token: steer.token };
    }),
  };
}
