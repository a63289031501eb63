// Where a camera's recording is replayed from, for "export this span from the recorder": the
// device adapter's playback capability gives an RTSP replay source and measures the recorder's
// clock offset. Devices without playback, or with a non-RTSP playback (platform streams),
// answer with a clear reason.
import { SkywallError } from '../../common/model/errors.js';
import { parseSourceKey } from '../../common/model/source-key.js';
import type { DeviceAdapterRegistry } from '../../devices/index.js';
import type { RecordingSource } from '../../export/nvr/download-recording.js';
import type { DevicesService } from '../devices/service.js';
import { resolveChannel } from '../stream/resolve-channel.js';

export interface RecorderSource {
  source: RecordingSource;
  /** Recorder clock minus workstation clock, ms; null when the device cannot say. */
  clockOffsetMs: number | null;
}

export type RecorderSourceFor = (key: string, range: { from: number; to: number }) => Promise<RecorderSource>;

export function recorderSources(devices: DevicesService, adapters: DeviceAdapterRegistry): RecorderSourceFor {
  return async (key, range) => {
    const k = parseSourceKey(key);
    if (!k) throw new SkywallError('not_found', 'no such camera stream', { key });
    const r = await resolveChannel(devices, adapters, k.cameraId);
    const playback = r.adapter.playback;
    if (!playback) throw new SkywallError('not_found', 'this camera has no recorder to download from', { cameraId: k.cameraId, reason: 'no_playback' });
    const target = { device: r.device, channel: r.channel };
    const clockOffsetMs = (await playback.clockOffsetMs?.(target).catch(() => undefined)) ?? null;
    const src = await playback.replaySource(target, range, k.profile);
    if (src.kind !== 'rtsp') throw new SkywallError('unsupported_format', 'this recorder replays through a platform stream, which export cannot download yet', { cameraId: k.cameraId, reason: 'not_rtsp' });
    return {
      source: { url: src.url, ...src.credentials, onvif: src.replay?.onvif ?? false, spanInUrl: src.replay?.spanInUrl ?? false },
      clockOffsetMs,
    };
  };
}
