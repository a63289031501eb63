import type { Store } from '../types.js';

export const auditSelectors = {
  open: (s: Store) => s.auditOpen,
  filter: (s: Store) => s.auditFilter,
  entries: (s: Store) => s.auditEntries,
  hasOlder: (s: Store) => s.auditNextBefore !== undefined,
  loading: (s: Store) => s.auditLoading,
  error: (s: Store) => s.auditError,
  verify: (s: Store) => s.auditVerify,
};
