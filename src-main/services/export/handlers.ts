import type { exportChannels } from '../../common/contract/index.js';
import { formatSourceKey, parseSourceKey, sourceKey } from '../../common/model/source-key.js';
import type { DomainHandlers } from '../handler-types.js';
import { NoVideoError } from '../../export/recorder/replay-buffer.js';
import type { ExportService } from './service.js';

export function exportHandlers(exports: ExportService): DomainHandlers<typeof exportChannels> {
  return {
    'sw:export:drives': () => exports.drives(),
    'sw:export:start': ({ cameraId, profile, ...rest }) => exports.start({ key: formatSourceKey(sourceKey(cameraId, profile)), ...rest }),
    'sw:export:cancel': ({ exportId }) => {
      exports.cancel(exportId);
      return { ok: true as const };
    },
    'sw:export:history': () => exports.history(),
    'sw:export:replay': async ({ cameraId, profile, backSeconds }) => {
      // The tile may have switched between main and sub: either buffer of the camera will do.
      const other: typeof profile = profile === 'main' ? 'sub' : 'main';
      try {
        const { url, startMs, durationMs, frames, frameMs, newestMs } = await exports.replay([profile, other].map((p) => formatSourceKey(sourceKey(cameraId, p))), backSeconds);
        return { url, startMs, durationMs, frames, frameMs, newestMs };
      } catch (e) {
        if (e instanceof NoVideoError) return { problem: 'no_video' as const };
        throw e;
      }
    },
    'sw:export:recordStart': ({ cameraId, profile, ...rest }) => exports.recordStart({ key: formatSourceKey(sourceKey(cameraId, profile)), ...rest }),
    'sw:export:recordStop': ({ recordingId }) => exports.recordStop(recordingId),
    'sw:export:recordings': () => exports.recordings().map(({ key, ...r }) => ({ ...r, cameraId: parseSourceKey(key)?.cameraId ?? key })),
    'sw:export:pickFolder': ({ title }) => exports.pickFolder(title),
    'sw:export:verify': ({ folder }) => exports.verify(folder),
  };
}
