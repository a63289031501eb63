import type { AuditEntryView, AuditListRequest } from '@common/contract/index.js';
import { auditService } from '../../services/audit.js';
import { ContractError } from '../../services/bridge.js';
import { subscribeThenFetch, type Unsubscribe } from '../../services/sync.js';
import type { SliceCreator } from '../types.js';
import type { AuditActions } from './actions-shape.js';
import { auditInitialState, type AuditFilter, type AuditState } from './initialState.js';


const PAGE = 100;

/** Does a newly appended entry belong in the list under this filter? */
export function matchesFilter(e: AuditEntryView, f: AuditFilter): boolean {
  const at = Date.parse(e.at);
  if (f.kind && e.kind !== f.kind) return false;
  if (f.from && at < Date.parse(f.from)) return false;
  if (f.to && at >= Date.parse(f.to)) return false;
  return true;
}

function request(f: AuditFilter, before?: number): AuditListRequest {
  return { ...(f.from ? { from: f.from } : {}), ...(f.to ? { to: f.to } : {}), ...(f.kind ? { kinds: [f.kind] } : {}), ...(before ? { before } : {}), limit: PAGE };
}

const codeOf = (err: unknown): string => (err instanceof ContractError ? err.code : 'internal');

export const createAuditSlice: SliceCreator<AuditState & AuditActions> = (set, get) => {
  let following: Unsubscribe | undefined;
  let generation = 0;

  const reload = async (): Promise<void> => {
    following?.();
    following = undefined;
    const mine = ++generation;
    const filter = get().auditFilter;
    set({ auditLoading: true, auditError: undefined });
    try {
      const stop = await subscribeThenFetch(auditService.onAppend, () => auditService.list(request(filter)), {
        snapshot: (page) => set({ auditEntries: page.entries, auditNextBefore: page.nextBefore }),
        event: (entry) => {
          const list = get().auditEntries;
          if (!matchesFilter(entry, get().auditFilter) || list.some((e) => e.seq === entry.seq)) return;
          set({ auditEntries: [entry, ...list] });
        },
      });
      if (mine !== generation) return stop();
      following = stop;
      set({ auditLoading: false });
    } catch (err) {
      if (mine === generation) set({ auditLoading: false, auditError: codeOf(err) });
    }
  };

  return {
    ...auditInitialState,

    async openAudit() {
      set({ auditOpen: true, auditVerify: undefined });
      await reload();
    },

    closeAudit() {
      generation++;
      following?.();
      following = undefined;
      set({ auditOpen: false });
    },

    async setAuditFilter(auditFilter) {
      set({ auditFilter });
      await reload();
    },

    async loadOlderAudit() {
      const before = get().auditNextBefore;
      if (!before || get().auditLoading) return;
      set({ auditLoading: true });
      try {
        const page = await auditService.list(request(get().auditFilter, before));
        const known = new Set(get().auditEntries.map((e) => e.seq));
        set({ auditEntries: [...get().auditEntries, ...page.entries.filter((e) => !known.has(e.seq))], auditNextBefore: page.nextBefore, auditLoading: false });
      } catch (err) {
        set({ auditLoading: false, auditError: codeOf(err) });
      }
    },

    async verifyAudit() {
      set({ auditVerify: 'checking', auditError: undefined });
      try {
        set({ auditVerify: await auditService.verify() });
      } catch (err) {
        set({ auditVerify: undefined, auditError: codeOf(err) });
      }
    },
  };
};
