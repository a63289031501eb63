import type { EventPayload, HealthExportRequest, HealthSnapshot } from '@common/contract/index.js';
import { call, subscribe } from './bridge.js';
import type { Unsubscribe } from './sync.js';

/** Device health: the list, a check now, the CSV export, and each change. */
export const healthService = {
  list: (): Promise<HealthSnapshot> => call('sw:health:list', {}),
  checkNow: (deviceId?: string): Promise<{ ok: true }> => call('sw:health:checkNow', deviceId ? { deviceId } : {}),
  exportCsv: (req: HealthExportRequest): Promise<{ path: string; rows: number }> => call('sw:health:exportCsv', req),
  onChange: (listener: (change: EventPayload<'sw:health:onDidChange'>) => void): Unsubscribe => subscribe('sw:health:onDidChange', listener),
};
