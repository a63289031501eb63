import type { EventPayload, ExportHistoryEntry, Req } from '@common/contract/index.js';
import { call, subscribe } from './bridge.js';
import type { Unsubscribe } from './sync.js';

export type ExportProgressEvent = EventPayload<'sw:export:onDidProgress'>;

export const exportService = {
  drives: () => call('sw:export:drives', {}),
  start: (req: Req<'sw:export:start'>) => call('sw:export:start', req),
  cancel: (exportId: string) => call('sw:export:cancel', { exportId }),
  history: () => call('sw:export:history', {}),
  verify: (folder: string) => call('sw:export:verify', { folder }),
  recordStart: (req: Req<'sw:export:recordStart'>) => call('sw:export:recordStart', req),
  recordStop: (recordingId: string) => call('sw:export:recordStop', { recordingId }),
  recordings: () => call('sw:export:recordings', {}),
  pickFolder: (title: string) => call('sw:export:pickFolder', { title }),
  replay: (req: Req<'sw:export:replay'>) => call('sw:export:replay', req),
  onProgress: (listener: (p: ExportProgressEvent) => void): Unsubscribe => subscribe('sw:export:onDidProgress', listener),
  onHistory: (listener: (e: ExportHistoryEntry) => void): Unsubscribe => subscribe('sw:export:onDidChangeHistory', listener),
  onDrives: (listener: (d: EventPayload<'sw:export:onDidChangeDrives'>) => void): Unsubscribe => subscribe('sw:export:onDidChangeDrives', listener),
};
