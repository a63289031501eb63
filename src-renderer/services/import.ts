import type { ImportProgress, ImportSummary, ImportTally } from '@common/contract/index.js';
import { call, subscribe } from './bridge.js';
import type { Unsubscribe } from './sync.js';

/** Bulk import: the file's text goes to main in pieces; main checks the rows and adds the good ones. */
export const importService = {
  begin: (fileName: string): Promise<{ importId: string }> => call('sw:import:begin', { fileName }),
  chunk: (importId: string, text: string): Promise<ImportTally> => call('sw:import:chunk', { importId, text }),
  finish: (importId: string): Promise<ImportSummary> => call('sw:import:finish', { importId }),
  cancel: (importId: string) => call('sw:import:cancel', { importId }),
  onProgress: (listener: (p: ImportProgress) => void): Unsubscribe => subscribe('sw:import:onDidProgress', listener),
};
