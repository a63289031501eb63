import { AUDIT_KINDS, type AuditEntryView, type AuditVerifyResult } from '@common/contract/index.js';
import { hasKey, type MessageKey } from '../../i18n/translate.js';
import { useT, useTError } from '../../i18n/use-t.js';
import { auditSelectors, useStore } from '../../store/index.js';
import { fromLocalInput, toLocalInput } from './audit-time.js';

/** The operator's read-only view of the audit log: newest first, filtered by time and kind, chain check. */
export function AuditView() {
  const t = useT();
  const tError = useTError();
  const filter = useStore(auditSelectors.filter);
  const entries = useStore(auditSelectors.entries);
  const hasOlder = useStore(auditSelectors.hasOlder);
  const loading = useStore(auditSelectors.loading);
  const error = useStore(auditSelectors.error);
  const verify = useStore(auditSelectors.verify);
  const { setAuditFilter, loadOlderAudit, verifyAudit, closeAudit } = useStore.getState();
  const kindLabel = (kind: string): string => {
    const key = `audit.kind.${kind}`;
    return hasKey(key) ? t(key) : kind;
  };

  return (
    <section className="sw-audit" data-testid="audit-view" aria-labelledby="audit-title">
      <div className="sw-audit-bar">
        <h2 id="audit-title">{t('audit.title')}</h2>
        <label>
          {t('audit.from')}{' '}
          <input type="datetime-local" data-testid="audit-from" value={toLocalInput(filter.from)} onChange={(e) => void setAuditFilter({ ...filter, from: fromLocalInput(e.target.value) })} />
        </label>
        <label>
          {t('audit.to')}{' '}
          <input type="datetime-local" data-testid="audit-to" value={toLocalInput(filter.to)} onChange={(e) => void setAuditFilter({ ...filter, to: fromLocalInput(e.target.value) })} />
        </label>
        <label>
          {t('audit.kind')}{' '}
          <select data-testid="audit-kind" value={filter.kind ?? ''} onChange={(e) => void setAuditFilter({ ...filter, kind: e.target.value || undefined })}>
            <option value="">{t('audit.kind.all')}</option>
            {AUDIT_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
        </label>
        <button data-testid="audit-verify" disabled={verify === 'checking'} onClick={() => void verifyAudit()}>
          {t('audit.verify')}
        </button>
        <button data-testid="audit-close" onClick={closeAudit}>
          {t('audit.close')}
        </button>
      </div>
      {verify && verify !== 'checking' && <VerifyResult result={verify} />}
      {error && (
        <p className="sw-form-error" role="alert" data-testid="audit-error">
          {tError({ code: error })}
        </p>
      )}
      <table className="sw-audit-table">
        <thead>
          <tr>
            <th>{t('audit.col.time')}</th>
            <th>{t('audit.col.kind')}</th>
            <th>{t('audit.col.target')}</th>
            <th>{t('audit.col.operator')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <EntryRow key={e.seq} entry={e} kind={kindLabel(e.kind)} />
          ))}
        </tbody>
      </table>
      {entries.length === 0 && !loading && <p className="sw-muted">{t('audit.empty')}</p>}
      {hasOlder && (
        <button data-testid="audit-older" disabled={loading} onClick={() => void loadOlderAudit()}>
          {t('audit.older')}
        </button>
      )}
    </section>
  );
}

function EntryRow({ entry, kind }: { entry: AuditEntryView; kind: string }) {
  return (
    <tr data-testid="audit-entry" data-kind={entry.kind} data-seq={entry.seq}>
      <td>{new Date(entry.at).toLocaleString()}</td>
      <td>{kind}</td>
      <td>{entry.targetName ? `${entry.targetName} (${entry.targetId})` : entry.targetId}</td>
      <td>{`${entry.actor.operator}@${entry.actor.workstation}`}</td>
    </tr>
  );
}

function VerifyResult({ result }: { result: AuditVerifyResult }) {
  const t = useT();
  if (result.ok) {
    return (
      <p className="sw-audit-ok" role="status" data-testid="audit-verify-result" data-ok="true">
        {t('audit.verify.ok', { n: result.entries })}
      </p>
    );
  }
  const reasonKey = `audit.reason.${result.reason}`;
  return (
    <p className="sw-form-error" role="alert" data-testid="audit-verify-result" data-ok="false">
      {t('audit.verify.broken', { seq: result.brokenSeq, line: result.line, n: result.entries, reason: hasKey(reasonKey) ? t(reasonKey as MessageKey) : result.reason })}
    </p>
  );
}
