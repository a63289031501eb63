import type { AuditEntryView, AuditListRequest, AuditPage, AuditVerifyResult } from '@common/contract/index.js';
import { call, subscribe } from './bridge.js';
import type { Unsubscribe } from './sync.js';

/** The audit log, read-only: pages newest first, the chain check, and each new entry. */
export const auditService = {
  list: (req: AuditListRequest): Promise<AuditPage> => call('sw:audit:list', req),
  verify: (): Promise<AuditVerifyResult> => call('sw:audit:verify', {}),
  onAppend: (listener: (entry: AuditEntryView) => void): Unsubscribe => subscribe('sw:audit:onDidAppend', listener),
};
