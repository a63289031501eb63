import { useState } from 'react';
import { useT } from '../../i18n/use-t.js';
import { devicesSelectors, useStore } from '../../store/index.js';
import { AddCameraForm } from './AddCameraForm.js';

export function DeviceList() {
  const t = useT();
  const devices = useStore(devicesSelectors.devices);
  const assign = useStore((s) => s.assignCamera);
  const remove = useStore((s) => s.removeDevice);
  const [adding, setAdding] = useState(false);
  return (
    <aside className="sw-devices" data-testid="device-list">
      <div className="sw-devices-bar">
        <h2>{t('devices.title')}</h2>
        {!adding && (
          <button data-testid="add-camera" onClick={() => setAdding(true)}>
            {t('devices.add')}
          </button>
        )}
      </div>
      {adding && <AddCameraForm onDone={() => setAdding(false)} />}
      {devices.length === 0 && <p className="sw-muted">{t('devices.empty')}</p>}
      <ul>
        {devices.map((d) => (
          <li key={d.id} data-testid="device-item">
            <div className="sw-device-name">
              {d.name}
              {d.demo && <span className="sw-badge">{t('devices.demo')}</span>}
              {!d.demo && (
                <button className="sw-link" data-testid="remove-device" title={t('devices.remove')} onClick={() => void remove(d.id)}>
                  ×
                </button>
              )}
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
