import { useMemo, useState } from 'react';
import type { HealthState } from '@common/contract/index.js';
import { healthRows } from '@common/model/health-rows.js';
import { hasKey } from '../../i18n/translate.js';
import { useT, useTError } from '../../i18n/use-t.js';
import { healthSelectors, settingsSelectors, useStore } from '../../store/index.js';
import './health.css';

const STATE_KEYS = {
  unknown: 'health.state.unknown',
  online: 'health.state.online',
  offline: 'health.state.offline',
  auth_failed: 'health.state.auth_failed',
} as const satisfies Record<HealthState, string>;

function localMinute(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** 设备健康: what is down, sorted by area, since when and why; check now; CSV for the maintenance contractor. */
export function HealthView() {
  const t = useT();
  const tError = useTError();
  const locale = useStore(settingsSelectors.locale);
  const health = useStore(healthSelectors.all);
  const exported = useStore(healthSelectors.exportResult);
  const { closeHealth, checkHealthNow, exportHealthCsv } = useStore.getState();
  const [folder, setFolder] = useState('');
  const [all, setAll] = useState(false);
  const devices = useMemo(() => Object.values(health), [health]);
  const rows = useMemo(() => healthRows(devices, locale, all), [devices, locale, all]);
  const counts = useMemo(() => {
    const c: Record<HealthState, number> = { unknown: 0, online: 0, offline: 0, auth_failed: 0 };
    for (const d of devices) c[d.state]++;
    return c;
  }, [devices]);
  const reason = (code: string | undefined): string => {
    if (!code) return '';
    const key = `health.reason.${code}`;
    return hasKey(key) ? t(key) : code;
  };

  return (
    <section className="sw-health" data-testid="health-view" aria-labelledby="health-title">
      <div className="sw-health-bar">
        <h2 id="health-title">{t('health.title')}</h2>
        <span data-testid="health-counts">{t('health.counts', { online: counts.online, offline: counts.offline, auth: counts.auth_failed, unknown: counts.unknown })}</span>
        <button data-testid="health-check-all" onClick={() => void checkHealthNow()}>
          {t('health.checkAll')}
        </button>
        <label>
          <input type="checkbox" data-testid="health-all" checked={all} onChange={(e) => setAll(e.target.checked)} /> {t('health.showAll')}
        </label>
        <button onClick={closeHealth}>{t('health.close')}</button>
      </div>
      <div className="sw-health-bar">
        <label>
          {t('health.export.folder')}{' '}
          <input data-testid="health-export-folder" value={folder} placeholder={t('health.export.folderDefault')} onChange={(e) => setFolder(e.target.value)} />
        </label>
        <button data-testid="health-export" disabled={exported === 'writing'} onClick={() => void exportHealthCsv(folder.trim() || undefined, all)}>
          {t('health.export')}
        </button>
        {exported && exported !== 'writing' && (
          <span data-testid="health-export-result" className={'error' in exported ? 'sw-health-error' : ''}>
            {'error' in exported ? tError({ code: exported.error, ...(exported.params ? { params: exported.params } : {}) }) : t('health.export.done', { rows: exported.rows, path: exported.path })}
          </span>
        )}
      </div>
      {rows.length === 0 ? (
        <p data-testid="health-empty">{counts.unknown === devices.length && devices.length > 0 ? t('health.notChecked') : t('health.allUp')}</p>
      ) : (
        <table className="sw-health-table" data-testid="health-table">
          <thead>
            <tr>
              <th>{t('health.col.area')}</th>
              <th>{t('health.col.device')}</th>
              <th>{t('health.col.channel')}</th>
              <th>{t('health.col.state')}</th>
              <th>{t('health.col.since')}</th>
              <th>{t('health.col.reason')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.deviceId}/${r.channel?.cameraId ?? ''}`} data-testid="health-row" data-state={r.state}>
                <td>{r.area.length > 0 ? r.area.join(' / ') : t('health.noArea')}</td>
                <td>
                  {r.device} <span className="sw-health-host">{r.host}</span>
                </td>
                <td>{r.channel ? r.channel.name : r.channelCount > 0 ? t('health.allChannels', { count: r.channelCount }) : ''}</td>
                <td className={`sw-health-state ${r.state}`}>{t(STATE_KEYS[r.state])}</td>
                <td>{localMinute(r.since)}</td>
                <td>{reason(r.reason)}</td>
                <td>
                  <button onClick={() => void checkHealthNow(r.deviceId)}>{t('health.checkNow')}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
