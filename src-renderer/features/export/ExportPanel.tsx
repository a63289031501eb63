// Evidence export from the selected tile: the last 30 s / 2 min / 5 min of its replay buffer, or
// a span downloaded from its recorder, to a removable drive or any folder (the system's folder
// picker under Electron, typed in host mode), with progress and cancel, and the history with
// verify status.
import { useEffect, useState } from 'react';
import type { ExportHistoryEntry } from '@common/contract/index.js';
import { useT } from '../../i18n/use-t.js';
import type { MessageKey } from '../../i18n/translate.js';
import { exportService, type ExportProgressEvent } from '../../services/export.js';
import { devicesSelectors, useStore, wallsSelectors } from '../../store/index.js';
import { dateTimeText, spanOf, type SpanForm } from './export-span.js';
import { setExportTarget } from './export-target.js';
import { ExportProgressLine } from './ExportProgressLine.js';
import { SpanPicker } from './SpanPicker.js';
import './export.css';

const mb = (n: number) => (n / 1e6).toFixed(1);

interface Drive {
  path: string;
  label: string;
  fsType: string;
  freeBytes: number;
}

function upsert(list: ExportHistoryEntry[], e: ExportHistoryEntry): ExportHistoryEntry[] {
  const rest = list.filter((x) => x.id !== e.id);
  return [e, ...rest].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
}

export function ExportPanel() {
  const t = useT();
  const wall = useStore(wallsSelectors.wall);
  const selected = useStore(wallsSelectors.selectedTile);
  const tile = wall?.tiles[selected];
  const camera = useStore((s) => devicesSelectors.cameraById(s, tile?.cameraId ?? null));
  const [span, setSpan] = useState<SpanForm>({ source: 'buffer', choice: '120', from: '', to: '' });
  const [picker, setPicker] = useState<'unknown' | 'none'>('unknown');
  const [folder, setFolder] = useState('');
  const [caseReference, setCaseReference] = useState('');
  const [reason, setReason] = useState('');
  const [drives, setDrives] = useState<Drive[]>([]);
  const [history, setHistory] = useState<ExportHistoryEntry[]>([]);
  const [progress, setProgress] = useState<ExportProgressEvent>();

  useEffect(() => {
    const offHistory = exportService.onHistory((e) => setHistory((h) => upsert(h, e)));
    const offProgress = exportService.onProgress(setProgress);
    void exportService.history().then(setHistory);
    void exportService.drives().then((d) => setDrives(d.drives));
    // A drive plugged in or pulled out while the panel is open shows at once.
    const offDrives = exportService.onDrives((d) => setDrives(d.drives));
    return () => {
      offDrives();
      offHistory();
      offProgress();
    };
  }, []);

  // Manual recording from a tile goes to the same folder, with the same case and reason.
  useEffect(() => setExportTarget({ folder, caseReference, reason }), [folder, caseReference, reason]);

  const chosen = spanOf(span, Date.now());
  const start = () => {
    const now = spanOf(span, Date.now());
    if (!camera || !tile || !folder.trim() || 'problem' in now) return;
    void exportService.start({ cameraId: camera.id, profile: tile.profile, ...now, targetDir: folder.trim(), caseReference, reason });
  };
  const pickFolder = async () => {
    const r = await exportService.pickFolder(t('export.pickTitle'));
    if (!r.available) setPicker('none');
    else if (r.folder) setFolder(r.folder);
  };
  const running = history.find((h) => h.state === 'running');

  return (
    <section className="sw-export" data-testid="export-panel">
      <h2>{t('export.title')}</h2>
      {camera ? <p data-testid="export-camera">{t('export.camera', { name: camera.name })}</p> : <p className="sw-muted">{t('export.noTile')}</p>}
      <SpanPicker form={span} onChange={setSpan} />
      {'problem' in chosen && span.choice === 'custom' && (
        <p className="bad" data-testid="export-span-problem">
          {t(chosen.problem)}
        </p>
      )}
      <div className="sw-export-drives">
        {t('export.drives')}:{' '}
        {drives.length === 0 && <span className="sw-muted">{t('export.noDrives')}</span>}
        {drives.map((d) => (
          <button key={d.path} type="button" onClick={() => setFolder(d.path)}>
            {d.label || d.path} ({d.fsType}, {mb(d.freeBytes)} MB)
          </button>
        ))}
      </div>
      <label>
        {t('export.folder')} <input data-testid="export-folder" value={folder} maxLength={1024} onChange={(e) => setFolder(e.target.value)} />
      </label>
      <div>
        <button type="button" data-testid="export-pick-folder" disabled={picker === 'none'} onClick={() => void pickFolder()}>
          {t('export.pickFolder')}
        </button>
        {picker === 'none' && <span className="sw-muted"> {t('export.pickFolder.none')}</span>}
      </div>
      <label>
        {t('export.case')} <input data-testid="export-case" value={caseReference} maxLength={128} onChange={(e) => setCaseReference(e.target.value)} />
      </label>
      <label>
        {t('export.reason')} <input data-testid="export-reason" value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
      </label>
      <div>
        <button type="button" data-testid="export-start" disabled={!camera || !folder.trim() || 'problem' in chosen} onClick={start}>
          {t('export.start')}
        </button>
        {running && (
          <button type="button" data-testid="export-cancel" onClick={() => void exportService.cancel(running.id)}>
            {t('export.cancel')}
          </button>
        )}
      </div>
      {progress && <ExportProgressLine progress={progress} finished={history.some((h) => h.id === progress.exportId && h.state !== 'running' && h.state !== 'queued')} />}
      <h3>{t('export.history')}</h3>
      {history.length === 0 && <p className="sw-muted">{t('export.historyEmpty')}</p>}
      <ul className="sw-export-history">
        {history.map((h) => (
          <li key={h.id} data-testid="export-history-entry" data-state={h.state} data-verified={h.verify ? String(h.verify.ok) : 'unknown'}>
            <span>{h.cameraName}</span> <span>{t(`export.state.${h.state}` as MessageKey)}</span>
            {h.range && (
              <div className="sw-muted" data-testid="export-history-range">
                {t('export.history.range', { from: dateTimeText(Date.parse(h.range.from)), to: dateTimeText(Date.parse(h.range.to)) })}
              </div>
            )}
            {h.failure && h.state !== 'cancelled' && <span className="bad"> {t(`export.failure.${h.failure}` as MessageKey)}</span>}
            {h.verify && (
              <span className={h.verify.ok ? 'ok' : 'bad'} data-testid="export-verify-status">
                {' '}
                {h.verify.ok ? t('export.verified') : t('export.verifyFailed', { problems: h.verify.problems.join(', ') })}
              </span>
            )}
            {h.folder && (
              <>
                <div className="sw-muted sw-export-folder">{h.folder}</div>
                <button type="button" onClick={() => void exportService.verify(h.folder!)}>
                  {t('export.verify')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
