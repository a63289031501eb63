// The add dialog: one place for "by address" (ONVIF or a vendor, with a connection test), "scan"
// (ONVIF discovery), "by URL" and bulk import from a file. The camera tree opens it from its add button.
import { useState } from 'react';
import { useT } from '../../i18n/use-t.js';
import type { MessageKey } from '../../i18n/translate.js';
import { EMPTY_ADDRESS, type AddressForm as AddressValues } from './address-form-model.js';
import { AddressForm } from './AddressForm.js';
import { ScanList } from './ScanList.js';
import { UrlForm } from './UrlForm.js';
import { ImportForm } from '../import/ImportForm.js';
import './devices.css';

type Tab = 'address' | 'scan' | 'url' | 'import';
const TABS: readonly Tab[] = ['address', 'scan', 'url', 'import'];
const TAB_TEXT: Record<Tab, MessageKey> = { address: 'devices.tab.address', scan: 'devices.tab.scan', url: 'devices.tab.url', import: 'import.tab' };

export function AddCameraForm({ onDone }: { onDone(): void }) {
  const t = useT();
  const [tab, setTab] = useState<Tab>('address');
  const [address, setAddress] = useState<AddressValues>(EMPTY_ADDRESS);
  return (
    <section className="sw-add-dialog" data-testid="add-camera-form" aria-label={t('devices.add')}>
      <div className="sw-tabs" role="tablist">
        {TABS.map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} className={tab === k ? 'on' : ''} data-testid={`add-tab-${k}`} onClick={() => setTab(k)}>
            {t(TAB_TEXT[k])}
          </button>
        ))}
      </div>
      {tab === 'address' && <AddressForm key={`${address.host}:${address.port}`} initial={address} onDone={onDone} />}
      {tab === 'scan' && (
        <ScanList
          onChoose={(d) => {
            setAddress({ ...EMPTY_ADDRESS, kind: 'onvif', name: d.name ?? d.model ?? '', host: d.host, port: String(d.port) });
            setTab('address');
          }}
        />
      )}
      {tab === 'url' && <UrlForm onDone={onDone} />}
      {tab === 'import' && <ImportForm onDone={onDone} />}
    </section>
  );
}
