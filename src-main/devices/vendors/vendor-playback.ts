// Recorder playback for Hikvision, Dahua and Uniview devices added by address: the vendor's
// playback URL for the camera's channel names the span itself (the download then PLAYs npt=0-).
// The span goes into the URL in the recorder's clock: workstation time plus the clock offset
// last read from the device (none: the clocks are taken to agree). Dahua reads its times as
// device-local time, taken to be this workstation's zone; Hikvision's are UTC as the URL says
// (some units read them as local time: the recorded offset and the gaps in the metadata show
// it); Uniview's are Unix seconds. Listing recordings needs the vendor's own API: not here.
import { SkywallError } from '../../common/model/errors.js';
import type { VendorKind } from '../../common/model/device.js';
import type { PlaybackCapability } from '../capabilities.js';
import { storedCamera } from '../rtsp-url/rtsp-url-adapter.js';
import { playbackUrl } from './vendor-urls.js';

/** Minutes this workstation's zone is ahead of UTC at `ms` (China: 480). */
const workstationZoneMin = (ms: number): number => -new Date(ms).getTimezoneOffset();

export function vendorPlayback(vendor: VendorKind): PlaybackCapability {
  return {
    async recordings(target) {
      throw new SkywallError('not_found', 'this recorder cannot list its recordings over RTSP; a download shows what it holds', { cameraId: target.channel.cameraId, reason: 'no_search' });
    },
    async replaySource(target, range) {
      const { config } = target.device;
      const camera = storedCamera(config, target.channel);
      const offset = config.clock?.offsetMs ?? 0;
      const url = playbackUrl(
        vendor,
        { host: config.host, channel: camera.channel ?? target.channel.index + 1, ...(config.rtspPort ? { rtspPort: config.rtspPort } : {}) },
        { start: new Date(range.from + offset), end: new Date(range.to + offset), deviceUtcOffsetMin: vendor === 'dahua' ? workstationZoneMin(range.from) : 0 },
      );
      const codec = camera.sources.find((s) => s.profile === 'main')?.codec;
      return { kind: 'rtsp', url, credentials: await target.device.credentials(), ...(codec ? { codec } : {}), replay: { onvif: false, spanInUrl: true } };
    },
    clockOffsetMs: async (target) => target.device.config.clock?.offsetMs,
  };
}
