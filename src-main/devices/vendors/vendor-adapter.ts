// Hikvision, Dahua and Uniview devices added by address: the stored cameras are the channels
// (channel number from the camera, else its position), and each profile's live source is the
// vendor's RTSP address rule with the device's credentials beside it; recordings replay from
// the vendor's playback URL (vendor-playback.ts).
import { SkywallError } from '../../common/model/errors.js';
import type { VendorKind } from '../../common/model/device.js';
import type { DeviceAdapter } from '../adapter.js';
import { describeStored, storedCamera } from '../rtsp-url/rtsp-url-adapter.js';
import { vendorPlayback } from './vendor-playback.js';
import { liveUrl } from './vendor-urls.js';

export function createVendorAdapter(vendor: VendorKind): DeviceAdapter {
  return {
    describe: async (device) => describeStored(device.config),
    async liveSource(device, channel, profile) {
      const camera = storedCamera(device.config, channel);
      const source = camera.sources.find((s) => s.profile === profile);
      if (!source) throw new SkywallError('not_found', `this camera has no ${profile} stream`, { cameraId: camera.id, profile });
      const url = liveUrl(vendor, { host: device.config.host, channel: camera.channel ?? channel.index + 1, ...(device.config.rtspPort ? { rtspPort: device.config.rtspPort } : {}) }, profile);
      return { kind: 'rtsp', url, credentials: await device.credentials(), ...(source.codec ? { codec: source.codec } : {}) };
    },
    playback: vendorPlayback(vendor),
  };
}
