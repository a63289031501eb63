// Devices added by stream URL (kind `rtsp`, or `url` for platform FLV/TS/HLS links): the stored
// camera list is the description, and each profile's stored URL is its live source. The URL is
// stored without credentials; the device's credentials come from the vault.
import { SkywallError } from '../../common/model/errors.js';
import type { ChannelProfile } from '../../common/model/source-key.js';
import { parseStreamUrl, streamTransportOf } from '../../common/model/stream-url.js';
import type { ChannelRef, DeviceAdapter, DeviceConfig, DeviceDescription, DeviceHandle, LiveSource } from '../adapter.js';

type StoredCamera = DeviceConfig['cameras'][number];

/** The stored camera a channel reference points at; `not_found` when the device changed under it. */
export function storedCamera(config: DeviceConfig, channel: ChannelRef): StoredCamera {
  const camera = config.cameras[channel.index];
  if (!camera || camera.id !== channel.cameraId) throw new SkywallError('not_found', 'no such camera on this device', { cameraId: channel.cameraId, deviceId: config.id });
  return camera;
}

export function describeStored(config: DeviceConfig): DeviceDescription {
  return {
    channels: config.cameras.map((c) => ({
      id: c.id,
      name: c.name,
      ptz: c.ptz,
      profiles: c.sources.map((s) => ({ profile: s.profile, ...(s.codec ? { codec: s.codec } : {}) })),
    })),
  };
}

/** A stored URL as a live source: RTSP for the hub, platform links for the relay. */
export async function sourceFromUrl(text: string, device: DeviceHandle, codec: LiveSource['codec'], cameraId: string): Promise<LiveSource> {
  const parsed = parseStreamUrl(text, { badEscape: 'keep' });
  const transport = parsed.ok ? streamTransportOf(parsed.value) : undefined;
  if (!parsed.ok || !transport) throw new SkywallError('unsupported_codec', 'this URL cannot be played', { cameraId });
  const withCodec = codec ? { codec } : {};
  if (transport !== 'rtsp') return { kind: 'relay', url: parsed.value.url, input: transport, ...withCodec };
  const stored = await device.credentials();
  // Credentials are kept out of stored URLs; one that still carries some is used only as a fallback.
  const username = stored.username ?? parsed.value.username;
  const password = stored.password ?? parsed.value.password;
  const credentials = { ...(username !== undefined ? { username } : {}), ...(password !== undefined ? { password } : {}) };
  return { kind: 'rtsp', url: parsed.value.url, credentials, ...withCodec };
}

export function createRtspUrlAdapter(): DeviceAdapter {
  return {
    describe: async (device) => describeStored(device.config),
    async liveSource(device, channel, profile: ChannelProfile) {
      const camera = storedCamera(device.config, channel);
      const source = camera.sources.find((s) => s.profile === profile);
      if (!source?.url) throw new SkywallError('not_found', `this camera has no ${profile} stream`, { cameraId: camera.id, profile });
      return sourceFromUrl(source.url, device, source.codec, camera.id);
    },
  };
}
