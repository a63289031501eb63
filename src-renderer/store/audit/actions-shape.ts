// What the slice offers, apart from its implementation, so the store type can name it without importing the slice.
import type { AuditFilter } from './initialState.js';

export interface AuditActions {
  /** Shows the audit view and follows new entries while it is open. */
  openAudit(): Promise<void>;
  closeAudit(): void;
  setAuditFilter(filter: AuditFilter): Promise<void>;
  loadOlderAudit(): Promise<void>;
  verifyAudit(): Promise<void>;
}
