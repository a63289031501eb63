// Connects the stream service to the export service without either knowing the other: a
// stream service whose open/close also start and stop the replay buffer of the camera's own
// stream (also when the tile plays a re-encode of it), counted per source so the buffer runs
// while at least one tile shows it. Plus who a source key shows, for the export's metadata.
import { formatSourceKey, parseSourceKey, sourceKey } from '../../common/model/source-key.js';
import type { DevicesService } from '../devices/service.js';
import type { StreamService } from '../stream/service.js';
import type { ExportService, StreamIdentity } from './service.js';

export function streamsWithReplayBuffers(streams: StreamService, exports: Pick<ExportService, 'watch' | 'unwatch'>, onError: (e: unknown) => void): StreamService {
  const keyOf = new Map<string, string>(); // streamId -> direct source key
  const viewers = new Map<string, number>();
  return {
    ...streams,
    async open(req) {
      const answer = await streams.open(req);
      if (answer.plan !== 'dark' && answer.transport === 'fmp4-ws') {
        const key = formatSourceKey(sourceKey(req.cameraId, answer.profile));
        keyOf.set(answer.streamId, key);
        const n = (viewers.get(key) ?? 0) + 1;
        viewers.set(key, n);
        if (n === 1) exports.watch(key).catch(onError);
      }
      return answer;
    },
    close(streamId) {
      streams.close(streamId);
      const key = keyOf.get(streamId);
      if (!key) return;
      keyOf.delete(streamId);
      const n = (viewers.get(key) ?? 1) - 1;
      if (n > 0) viewers.set(key, n);
      else {
        viewers.delete(key);
        exports.unwatch(key).catch(onError);
      }
    },
  };
}

export function describeFromDevices(devices: Pick<DevicesService, 'resolveCamera'>): (key: string) => Promise<StreamIdentity | undefined> {
  return async (key) => {
    const k = parseSourceKey(key);
    if (!k) return undefined;
    const found = await devices.resolveCamera(k.cameraId);
    if (!found) return undefined;
    const camera = found.device.cameras[found.cameraIndex]!;
    return {
      camera: { id: camera.id, name: camera.name },
      device: { id: found.device.id, name: found.device.name },
      channel: `${found.cameraIndex + 1} (${k.profile})`,
    };
  };
}
