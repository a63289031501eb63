import { useT } from '../../i18n/use-t.js';
import { useAppStore } from '../../store/app-store.js';

export function DeviceList() {
  const t = useT();
  const devices = useAppStore((s) => s.devices);
  const assign = useAppStore((s) => s.assignCamera);
  return (
    <aside className="sw-devices" data-testid="device-list">
      <h2>{t('devices.title')}</h2>
      {devices.length === 0 && <p className="sw-muted">{t('devices.empty')}</p>}
      <ul>
        {devices.map((d) => (
          <li key={d.id} data-testid="device-item">
            <div className="sw-device-name">
              {d.name}
              {d.demo && <span className="sw-badge">{t('devices.demo')}</span>}
            </div>
            <div className="sw-muted">{t('devices.cameras', { count: d.cameras.length })}</div>
            <ul className="sw-cameras">
              {d.cameras.map((c) => (
                <li key={c.id} data-testid="camera-item" title={t('wall.assign')} onDoubleClick={() => void assign(c.id)}>
                  {c.name}
                  {c.ptz && <span className="sw-badge">{t('devices.ptz')}</span>}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </aside>
  );
}
