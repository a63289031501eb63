// The add dialog's "批量导入" tab: choose a CSV or M3U file; its text goes to main in pieces, main
// checks every row and adds the good ones. Progress while rows are read, saved and connected;
// then how many were imported and, by line number, why each other row was not.
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { ConnectionFailure, type ImportProgress, type ImportRowError, type ImportSummary } from '@common/contract/index.js';
import { useT, useTError } from '../../i18n/use-t.js';
import type { MessageKey } from '../../i18n/translate.js';
import { ContractError } from '../../services/bridge.js';
import { importService } from '../../services/import.js';
import { failureText } from '../devices/TestOutcome.js';
import { decodeImportFile, importPieces, MAX_IMPORT_FILE_BYTES } from './import-file.js';
import './import.css';

type State =
  | { step: 'choose'; error?: string }
  | { step: 'running'; fileName: string; importId?: string; sent: number; total: number; progress?: ImportProgress }
  | { step: 'done'; fileName: string; summary: ImportSummary };

function RowError({ error }: { error: ImportRowError }) {
  const t = useT();
  const params = error.params ?? {};
  let text: string;
  if (error.reason === 'connect_failed') {
    const failure = ConnectionFailure.safeParse(params.failure);
    text = t('import.reason.connect_failed', { failure: t(failure.success ? failureText(failure.data) : 'import.failure.other') });
  } else text = t(`import.reason.${error.reason}` as MessageKey, params);
  return (
    <li data-testid="import-error" data-line={error.line} data-reason={error.reason}>
      <strong>{t('import.line', { line: error.line })}</strong> {text}
    </li>
  );
}

function phaseText(t: ReturnType<typeof useT>, p: ImportProgress | undefined): string {
  if (!p) return t('import.reading', { rows: 0, valid: 0, invalid: 0 });
  if (p.phase === 'saving') return t('import.saving', { valid: p.valid });
  if (p.phase === 'connecting') return t('import.connecting', { connected: p.connected ?? 0, toConnect: p.toConnect ?? 0 });
  return t('import.reading', { rows: p.rows, valid: p.valid, invalid: p.invalid });
}

export function ImportForm({ onDone }: { onDone(): void }) {
  const t = useT();
  const tError = useTError();
  const [state, setState] = useState<State>({ step: 'choose' });
  const running = useRef<{ importId?: string; cancelled: boolean } | undefined>(undefined);

  useEffect(
    () =>
      importService.onProgress((p) => {
        setState((s) => (s.step === 'running' && s.importId === p.importId ? { ...s, progress: p } : s));
      }),
    [],
  );
  // Leaving the dialog mid-import cancels it: nothing is saved.
  useEffect(
    () => () => {
      const r = running.current;
      if (r?.importId && !r.cancelled) void importService.cancel(r.importId).catch(() => undefined);
    },
    [],
  );

  const start = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (file.size > MAX_IMPORT_FILE_BYTES) return setState({ step: 'choose', error: t('import.tooLarge', { max: MAX_IMPORT_FILE_BYTES / 1024 / 1024 }) });
    const run: { importId?: string; cancelled: boolean } = { cancelled: false };
    running.current = run;
    try {
      const text = decodeImportFile(new Uint8Array(await file.arrayBuffer()));
      setState({ step: 'running', fileName: file.name, sent: 0, total: text.length });
      const { importId } = await importService.begin(file.name);
      run.importId = importId;
      setState((s) => (s.step === 'running' ? { ...s, importId } : s));
      let sent = 0;
      for (const piece of importPieces(text)) {
        if (run.cancelled) return;
        await importService.chunk(importId, piece);
        sent += piece.length;
        setState((s) => (s.step === 'running' ? { ...s, sent } : s));
      }
      const summary = await importService.finish(importId);
      run.cancelled = true;
      setState({ step: 'done', fileName: file.name, summary });
    } catch (err) {
      run.cancelled = true;
      if (running.current !== run) return;
      const reason = err instanceof ContractError ? tError(err) : t('error.internal');
      setState({ step: 'choose', error: t('import.failed', { reason }) });
    }
  };

  const cancel = () => {
    const r = running.current;
    if (r) r.cancelled = true;
    if (r?.importId) void importService.cancel(r.importId).catch(() => undefined);
    running.current = undefined;
    setState({ step: 'choose' });
  };

  if (state.step === 'running') {
    const p = state.progress;
    const saving = p?.phase === 'saving' || p?.phase === 'connecting';
    const value = p?.phase === 'connecting' ? (p.connected ?? 0) : state.sent;
    const max = p?.phase === 'connecting' ? (p.toConnect ?? 1) : state.total || 1;
    return (
      <div className="sw-form sw-import" data-testid="import-form" data-step="running">
        <p className="sw-import-file">{t('import.file', { name: state.fileName })}</p>
        {saving && p?.phase === 'saving' ? <progress data-testid="import-progress" /> : <progress data-testid="import-progress" value={value} max={max} />}
        <p role="status" data-testid="import-status">
          {phaseText(t, p)}
        </p>
        <div className="sw-form-buttons">
          <button type="button" data-testid="import-cancel" disabled={saving} onClick={cancel}>
            {t('import.cancel')}
          </button>
        </div>
      </div>
    );
  }

  if (state.step === 'done') {
    const { summary } = state;
    const unlisted = summary.errorCount - summary.errors.length;
    return (
      <div className="sw-form sw-import" data-testid="import-form" data-step="done">
        <p className="sw-import-file">{t('import.file', { name: state.fileName })}</p>
        <p role="status" data-testid="import-result" data-imported={summary.imported} data-errors={summary.errorCount}>
          {summary.errorCount > 0
            ? t('import.done', { imported: summary.imported, cameras: summary.cameras, errors: summary.errorCount })
            : t('import.doneAll', { imported: summary.imported, cameras: summary.cameras })}
        </p>
        {summary.errors.length > 0 && (
          <section className="sw-import-errors" aria-label={t('import.errorsTitle')}>
            <h3>{t('import.errorsTitle')}</h3>
            <ul data-testid="import-errors">
              {summary.errors.map((e) => (
                <RowError key={`${e.line}-${e.reason}`} error={e} />
              ))}
            </ul>
            {unlisted > 0 && <p className="sw-muted">{t('import.moreErrors', { count: unlisted })}</p>}
          </section>
        )}
        <div className="sw-form-buttons">
          <button type="button" data-testid="import-close" onClick={onDone}>
            {t('import.close')}
          </button>
          <button type="button" data-testid="import-again" onClick={() => setState({ step: 'choose' })}>
            {t('import.again')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="sw-form sw-import" data-testid="import-form" data-step="choose">
      <p className="sw-muted sw-import-help">{t('import.help')}</p>
      {/* The browser's own file button speaks the system's language: a label in ours opens it. */}
      <label className="sw-import-choose" data-testid="import-choose">
        <input type="file" data-testid="import-file" accept=".csv,.txt,.m3u,.m3u8,text/csv,audio/x-mpegurl" onChange={(e) => void start(e)} />
        {t('import.choose')}
      </label>
      {state.error && (
        <p className="sw-form-error" role="alert" data-testid="import-failed">
          {state.error}
        </p>
      )}
      <div className="sw-form-buttons">
        <button type="button" onClick={onDone}>
          {t('devices.form.cancel')}
        </button>
      </div>
    </div>
  );
}
