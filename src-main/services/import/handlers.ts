import type { importChannels } from '../../common/contract/index.js';
import type { DomainHandlers } from '../handler-types.js';
import type { ImportService } from './import-service.js';

export function importHandlers(imports: ImportService): DomainHandlers<typeof importChannels> {
  return {
    'sw:import:begin': (req) => imports.begin(req),
    'sw:import:chunk': ({ importId, text }) => imports.chunk(importId, text),
    'sw:import:finish': ({ importId }) => imports.finish(importId),
    'sw:import:cancel': ({ importId }) => {
      imports.cancel(importId);
      return { ok: true as const };
    },
  };
}
