// Camera id -> stored device -> its adapter and the channel: what the stream service (and later
// PTZ and playback) needs to talk to a device. The password is read from the vault here and
// handed to the adapter only through DeviceHandle.credentials().
import { SkywallError } from '../../common/model/errors.js';
import type { ChannelRef, DeviceAdapter, DeviceAdapterRegistry, DeviceHandle } from '../../devices/index.js';
import type { DevicesService } from '../devices/service.js';

export interface ResolvedChannel {
  device: DeviceHandle;
  channel: ChannelRef;
  adapter: DeviceAdapter;
}

export async function resolveChannel(devices: DevicesService, adapters: DeviceAdapterRegistry, cameraId: string): Promise<ResolvedChannel> {
  const found = await devices.resolveCamera(cameraId);
  if (!found) throw new SkywallError('not_found', 'no such camera', { cameraId });
  const config = found.device;
  const username = config.username;
  const password = found.password;
  const device: DeviceHandle = {
    config,
    credentials: async () => ({ ...(username !== undefined ? { username } : {}), ...(password !== undefined ? { password } : {}) }),
  };
  return { device, channel: { index: found.cameraIndex, cameraId }, adapter: adapters.forDevice(config) };
}
