// What every county-platform adapter (WVP-GB28181-pro, Hikvision iSecure Center) offers on top
// of the device-adapter port: the platform's channels with their platform device, online state
// and place in the platform's area/organisation tree, for the add dialog and the camera tree.
// The stored device is the platform; its cameras are the channels the operator imported, each
// knowing the platform's id for it (`externalId`) and its platform device (`subDevice`).
import type { ChannelDescription, DeviceAdapter, DeviceHandle } from '../adapter.js';
import type { ChannelRef, DeviceConfig } from '../device-handle.js';
import { SkywallError } from '../../common/model/errors.js';

export interface PlatformChannel extends ChannelDescription {
  /** The platform's id of the channel (WVP channel id, Artemis cameraIndexCode). */
  id: string;
  online: boolean;
  /** The platform's device the channel belongs to (a township NVR). */
  subDevice?: { id: string; name: string };
  /** Names from the platform's area or organisation tree, widest first. */
  area?: string[];
}

export interface PlatformListing {
  channels: PlatformChannel[];
  /** Pages fetched (for the operator's progress and the tests). */
  pages: number;
}

export interface PlatformAdapter extends DeviceAdapter {
  /** Every channel the account may see, all pages. */
  listChannels(device: DeviceHandle): Promise<PlatformListing>;
}

/** The platform's ids for one stored camera; `not_found` when the device changed under it. */
export function platformIdsOf(config: DeviceConfig, channel: ChannelRef): { channelId: string; deviceId: string | undefined } {
  const camera = config.cameras[channel.index];
  if (!camera || camera.id !== channel.cameraId) throw new SkywallError('not_found', 'no such camera on this platform', { cameraId: channel.cameraId, deviceId: config.id });
  if (!camera.externalId) throw new SkywallError('not_found', 'this camera has no platform channel id', { cameraId: channel.cameraId });
  return { channelId: camera.externalId, deviceId: camera.subDevice?.id };
}

/** How the platform is reached: the scheme from the stored flag, and the pinned certificate if any. */
export function platformBaseUrl(config: DeviceConfig): { baseUrl: string; pinSha256: string | undefined } {
  const host = config.host.includes(':') && !config.host.startsWith('[') ? `[${config.host}]` : config.host;
  return { baseUrl: `${config.https ? 'https' : 'http'}://${host}:${config.port}`, pinSha256: config.tlsPinSha256 };
}
