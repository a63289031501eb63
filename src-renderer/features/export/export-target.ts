// Where exports go, as typed in the export panel: manual recording from a tile writes there too.
import { useSyncExternalStore } from 'react';

export interface ExportTarget {
  folder: string;
  caseReference: string;
  reason: string;
}

let target: ExportTarget = { folder: '', caseReference: '', reason: '' };
const listeners = new Set<() => void>();

export function setExportTarget(next: ExportTarget): void {
  if (next.folder === target.folder && next.caseReference === target.caseReference && next.reason === target.reason) return;
  target = next;
  for (const l of listeners) l();
}

export function useExportTarget(): ExportTarget {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => target,
  );
}
