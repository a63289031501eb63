import { useState } from 'react';
import { useT } from '../../i18n/use-t.js';
import { platformsService } from '../../services/platforms.js';
import { devicesSelectors } from '../../store/devices/selectors.js';
import { useStore } from '../../store/index.js';

const LIST = { listStyle: 'none', padding: 0, margin: '4px 0' } as const;
const ROW = { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, margin: '2px 0' } as const;

/** "刷新通道" per stored platform: its channels listed again, every camera (and wall tile) kept. */
export function PlatformRefresh({ explain }: { explain: (err: unknown) => string }) {
  const t = useT();
  const platforms = useStore(devicesSelectors.devices).filter((d) => d.category === 'platform');
  const [busy, setBusy] = useState<string>();
  const [note, setNote] = useState<{ deviceId: string; kind: 'error' | 'info'; text: string }>();
  if (platforms.length === 0) return null;

  const refresh = async (deviceId: string) => {
    setBusy(deviceId);
    try {
      const r = await platformsService.refresh(deviceId);
      setNote({ deviceId, kind: 'info', text: t('platforms.refreshed', { count: r.cameras, added: r.added, missing: r.missing }) });
    } catch (err) {
      setNote({ deviceId, kind: 'error', text: explain(err) });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <ul className="sw-platform-list" data-testid="platform-list" style={LIST}>
      {platforms.map((p) => (
        <li key={p.id} data-testid="platform-row" style={ROW}>
          <span>{p.name}</span>
          <button type="button" data-testid="platform-refresh" aria-label={t('platforms.refresh.label', { name: p.name })} disabled={busy !== undefined} onClick={() => void refresh(p.id)}>
            {t('platforms.refresh')}
          </button>
          {note?.deviceId === p.id && (
            <p className={note.kind === 'error' ? 'sw-form-error' : 'sw-muted'} role={note.kind === 'error' ? 'alert' : 'status'} data-testid="platform-refresh-note">
              {note.text}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
