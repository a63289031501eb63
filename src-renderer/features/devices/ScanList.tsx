// The dialog's "scan" tab: ONVIF devices that answered, with maker, model, address and whether
// each is added already; choosing one opens "by address" filled in.
import { useEffect, useState } from 'react';
import type { FoundDevice } from '@common/contract/index.js';
import { useT, useTError } from '../../i18n/use-t.js';
import { ContractError } from '../../services/bridge.js';
import { devicesService } from '../../services/devices.js';

export function ScanList({ onChoose }: { onChoose(found: FoundDevice): void }) {
  const t = useT();
  const tError = useTError();
  const [found, setFound] = useState<FoundDevice[]>();
  const [scanning, setScanning] = useState(false);
  const [error, setError] = useState<string>();

  const scan = async () => {
    setScanning(true);
    setError(undefined);
    try {
      setFound(await devicesService.scan());
    } catch (err) {
      setError(err instanceof ContractError ? tError(err) : t('error.internal'));
    } finally {
      setScanning(false);
    }
  };
  useEffect(() => {
    // One scan when the tab opens; the button scans again.
    void scan();
  }, []);

  return (
    <div className="sw-form" data-testid="scan-list">
      <button type="button" data-testid="scan-again" disabled={scanning} onClick={() => void scan()}>
        {scanning ? t('devices.scan.running') : t('devices.scan.again')}
      </button>
      {error && <p className="sw-form-error" role="alert">{error}</p>}
      {found && found.length === 0 && !scanning && <p className="sw-muted" data-testid="scan-none">{t('devices.scan.none')}</p>}
      <ul className="sw-scan-results">
        {(found ?? []).map((d) => (
          <li key={`${d.host}:${d.port}`} data-testid="scan-item">
            <div>
              <strong>{d.name ?? d.model ?? d.host}</strong>
              <div className="sw-muted">
                {[d.manufacturer, d.model].filter(Boolean).join(' · ')} {d.host}:{d.port}
              </div>
            </div>
            {d.addedAs ? (
              <span className="sw-badge" data-testid="scan-added">{t('devices.scan.added')}</span>
            ) : (
              <button type="button" data-testid="scan-add" onClick={() => onChoose(d)}>
                {t('devices.scan.add')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
