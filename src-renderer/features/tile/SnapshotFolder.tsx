import { useState } from 'react';
import { create } from 'zustand';
import { useT } from '../../i18n/use-t.js';

const KEY = 'sw.snapshotFolder';

/** The folder snapshots go to, as the operator chose it in this window (undefined: main's default). */
export function snapshotFolder(): string | undefined {
  try {
    return localStorage.getItem(KEY) || undefined;
  } catch {
    return undefined;
  }
}

const useFolderDialog = create<{ open: boolean }>(() => ({ open: false }));
export const openSnapshotFolder = () => useFolderDialog.setState({ open: true });
const close = () => useFolderDialog.setState({ open: false });

/** Absolute on Linux (/...) or Windows (C:\\... or \\\\server\\share). */
const isAbsolute = (p: string) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');

export function SnapshotFolderDialog() {
  const open = useFolderDialog((s) => s.open);
  return open ? <FolderForm /> : null;
}

function FolderForm() {
  const t = useT();
  const [value, setValue] = useState(snapshotFolder() ?? '');
  const bad = value.trim() !== '' && !isAbsolute(value.trim());
  const save = () => {
    if (bad) return;
    try {
      if (value.trim()) localStorage.setItem(KEY, value.trim());
      else localStorage.removeItem(KEY);
    } catch {
      /* storage refused: the default folder stays */
    }
    close();
  };
  return (
    <div className="sw-overlay" role="dialog" aria-modal="true" aria-labelledby="sw-snap-folder" data-testid="snapshot-folder" onKeyDown={(e) => e.key === 'Escape' && close()}>
      <div className="sw-dialog">
        <h2 id="sw-snap-folder">{t('tile.snapshot.folderTitle')}</h2>
        <p className="sw-muted">{t('tile.snapshot.folderHint')}</p>
        <input data-testid="snapshot-folder-input" style={{ width: '100%' }} value={value} onChange={(e) => setValue(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && save()} autoFocus />
        {bad && <p className="sw-tour-problem">{t('tile.snapshot.folderBad')}</p>}
        <div className="sw-dialog-buttons">
          <button onClick={close}>{t('tile.snapshot.folderCancel')}</button>
          <button data-testid="snapshot-folder-save" disabled={bad} onClick={save}>
            {t('tile.snapshot.folderSave')}
          </button>
        </div>
      </div>
    </div>
  );
}
