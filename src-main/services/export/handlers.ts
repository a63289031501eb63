import type { exportChannels } from '../../common/contract/index.js';
import { formatSourceKey, sourceKey } from '../../common/model/source-key.js';
import type { DomainHandlers } from '../handler-types.js';
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
    'sw:export:verify': ({ folder }) => exports.verify(folder),
  };
}
