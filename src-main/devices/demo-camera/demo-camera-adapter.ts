// The built-in demo as a device: an NVR with two cameras served by the demo RTSP server, and
// PTZ through the demo ONVIF device. This module only knows the running demo's address and
// ports, handed in by the composition root; it does not start anything.
import { SkywallError } from '../../common/model/errors.js';
import type { ChannelProfile } from '../../common/model/source-key.js';
import type { DeviceAdapter, DeviceConfig, DeviceHandle, VideoCodec } from '../adapter.js';
import type { PlaybackCapability, TimeRange } from '../capabilities.js';
import { onvifPtz } from '../onvif/onvif-adapter.js';
import { OnvifSessions } from '../onvif/onvif-sessions.js';
import { describeStored, storedCamera } from '../rtsp-url/rtsp-url-adapter.js';

export const DEMO_DEVICE_ID = 'demo-nvr';
export const DEMO_CAMERA_IDS = ['demo-cam-1', 'demo-cam-2'] as const;

export interface RunningDemoPorts {
  host: string;
  rtspPort: number;
  onvif: { port: number; username: string; password: string };
  /** The demo recorder's archive: spans recorded, ms since the epoch (the demo RTSP server's `archives()`). */
  archive?: { sections: TimeRange[] };
}

interface DemoChannel {
  id: (typeof DEMO_CAMERA_IDS)[number];
  name: string;
  ptz: boolean;
  /** Path on the demo RTSP server and codec, per profile. */
  streams: Partial<Record<ChannelProfile, { path: string; codec: VideoCodec }>>;
}

/** Camera 2 is H.265 with an H.264 sub-stream, so the H.265 fallback has something to fall back to. */
const CHANNELS: readonly DemoChannel[] = [
  { id: DEMO_CAMERA_IDS[0], name: 'CAM-01 H.264 PTZ', ptz: true, streams: { main: { path: '/demo/h264', codec: 'h264' }, sub: { path: '/demo/h264', codec: 'h264' } } },
  { id: DEMO_CAMERA_IDS[1], name: 'CAM-02 H.265', ptz: false, streams: { main: { path: '/demo/h265', codec: 'h265' }, sub: { path: '/demo/h264', codec: 'h264' } } },
];

function rtspUrl(ports: RunningDemoPorts, path: string): string {
  return `rtsp://${ports.host}:${ports.rtspPort}${path}`;
}

/** The demo device as stored while nothing else is configured (the devices service lists it). */
export function demoDeviceConfig(ports: RunningDemoPorts): DeviceConfig {
  return {
    id: DEMO_DEVICE_ID,
    name: `Skywall NVR (${ports.host}:${ports.rtspPort})`,
    kind: 'onvif',
    host: ports.host,
    port: ports.onvif.port,
    username: ports.onvif.username,
    demo: true,
    cameras: CHANNELS.map((c) => ({
      id: c.id,
      name: c.name,
      ptz: c.ptz,
      sources: (['main', 'sub'] as const).flatMap((profile) => {
        const s = c.streams[profile];
        return s ? [{ profile, url: rtspUrl(ports, s.path), codec: s.codec }] : [];
      }),
    })),
  };
}

export function createDemoCameraAdapter(ports: RunningDemoPorts, sessions: OnvifSessions = new OnvifSessions()): DeviceAdapter {
  // PTZ talks to the demo ONVIF device with the demo's own credentials.
  const onvifDevice: DeviceHandle = {
    config: demoDeviceConfig(ports),
    credentials: async () => ({ username: ports.onvif.username, password: ports.onvif.password }),
  };
  const channelOf = (cameraId: string): DemoChannel => {
    const c = CHANNELS.find((x) => x.id === cameraId);
    if (!c) throw new SkywallError('not_found', 'no such demo camera', { cameraId });
    return c;
  };
  return {
    describe: async () => describeStored(demoDeviceConfig(ports)),
    async liveSource(device, channel, profile) {
      storedCamera(device.config, channel);
      const stream = channelOf(channel.cameraId).streams[profile];
      if (!stream) throw new SkywallError('not_found', `this camera has no ${profile} stream`, { cameraId: channel.cameraId, profile });
      return { kind: 'rtsp', url: rtspUrl(ports, stream.path), credentials: {}, codec: stream.codec };
    },
    ...(ports.archive ? { playback: demoPlayback(ports, ports.archive.sections, channelOf, () => sessions.device(onvifDevice)) } : {}),
    ptz: onvifPtz(sessions, async (target) => {
      if (!channelOf(target.channel.cameraId).ptz) throw new SkywallError('not_found', 'this camera cannot pan, tilt or zoom', { cameraId: target.channel.cameraId });
      // The demo ONVIF device steers through its 'main' profile.
      return { device: onvifDevice, token: 'main' };
    }),
  };
}

/**
 * The demo recorder: each camera's main stream is recorded in the demo RTSP server's archive
 * (`<path>/archive`), replayed ONVIF-style; the clock offset is read from the demo ONVIF device.
 */
function demoPlayback(
  ports: RunningDemoPorts,
  sections: TimeRange[],
  channelOf: (cameraId: string) => DemoChannel,
  onvifDevice: () => Promise<{ clockOffsetMs: number }>,
): PlaybackCapability {
  return {
    async recordings(target, range) {
      channelOf(target.channel.cameraId);
      return sections.filter((s) => s.to > range.from && s.from < range.to).map((s) => ({ from: Math.max(s.from, range.from), to: Math.min(s.to, range.to) }));
    },
    async replaySource(target) {
      const stream = channelOf(target.channel.cameraId).streams.main!;
      return { kind: 'rtsp', url: rtspUrl(ports, `${stream.path}/archive`), credentials: {}, codec: stream.codec, replay: { onvif: true, spanInUrl: false } };
    },
    clockOffsetMs: async () => (await onvifDevice()).clockOffsetMs,
  };
}
