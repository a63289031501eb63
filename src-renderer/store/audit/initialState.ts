import type { AuditEntryView, AuditVerifyResult } from '@common/contract/index.js';

export interface AuditFilter {
  /** ISO 8601, inclusive. */
  from?: string;
  /** ISO 8601, exclusive. */
  to?: string;
  /** One kind, or all when absent. */
  kind?: string;
}

export interface AuditState {
  auditOpen: boolean;
  auditFilter: AuditFilter;
  /** Newest first. */
  auditEntries: AuditEntryView[];
  /** Older matching entries may remain: the cursor for the next page. */
  auditNextBefore?: number;
  auditLoading: boolean;
  /** A list or verify call failed: the contract error code, worded by the view. */
  auditError?: string;
  auditVerify?: AuditVerifyResult | 'checking';
}

export const auditInitialState: AuditState = { auditOpen: false, auditFilter: {}, auditEntries: [], auditLoading: false };
