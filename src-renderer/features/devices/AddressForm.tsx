// The dialog's "by address" tab: kind (ONVIF or a vendor), address, credentials, area; a
// connection test that names what failed; saving an ONVIF device imports its channels.
import { useState, type FormEvent } from 'react';
import type { DeviceTestResult } from '@common/contract/index.js';
import { useT, useTError } from '../../i18n/use-t.js';
import type { MessageKey } from '../../i18n/translate.js';
import { ContractError } from '../../services/bridge.js';
import { devicesService } from '../../services/devices.js';
import { useStore } from '../../store/index.js';
import { ADDRESS_KINDS, buildAddressInput, type AddressField, type AddressForm as Form, type AddressKind } from './address-form-model.js';
import { AreaFields } from './AreaFields.js';
import { failureText, TestOutcome } from './TestOutcome.js';

const KIND_TEXT: Record<AddressKind, MessageKey> = {
  onvif: 'devices.kind.onvif',
  hikvision: 'devices.kind.hikvision',
  dahua: 'devices.kind.dahua',
  uniview: 'devices.kind.uniview',
};

export function AddressForm({ initial, onDone }: { initial: Form; onDone(): void }) {
  const t = useT();
  const tError = useTError();
  const addDevice = useStore((s) => s.addDevice);
  const [form, setForm] = useState<Form>(initial);
  const [error, setError] = useState<{ field?: AddressField; text: string }>();
  const [tested, setTested] = useState<DeviceTestResult>();
  const [busy, setBusy] = useState<'test' | 'save'>();

  const set = (patch: Partial<Form>) => {
    setForm({ ...form, ...patch });
    setTested(undefined);
  };
  const input = (key: Exclude<keyof Form, 'area' | 'kind'>, label: MessageKey, type = 'text', max = 64) => (
    <label className={`sw-field${error?.field === key ? ' invalid' : ''}`}>
      <span>{t(label)}</span>
      <input data-testid={`form-${key}`} type={type} value={form[key]} maxLength={max} autoComplete="off" aria-invalid={error?.field === key || undefined} onChange={(e) => set({ [key]: e.target.value })} />
    </label>
  );

  const built = () => {
    const r = buildAddressInput(form);
    if (!r.ok) setError({ field: r.field, text: t(r.error, r.params) });
    return r.ok ? r.input : undefined;
  };

  const test = async () => {
    const b = built();
    if (!b) return;
    setError(undefined);
    setBusy('test');
    try {
      setTested(await devicesService.test({ kind: b.kind, host: b.host, port: b.port, ...(b.rtspPort ? { rtspPort: b.rtspPort } : {}), ...(b.username ? { username: b.username } : {}), ...(b.password ? { password: b.password } : {}) }));
    } catch (err) {
      setError({ text: err instanceof ContractError ? tError(err) : t('error.internal') });
    } finally {
      setBusy(undefined);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const b = built();
    if (!b) return;
    setBusy('save');
    try {
      await addDevice(b);
      onDone();
    } catch (err) {
      // Nothing typed is lost; the failure is named as the test names it.
      const failure = err instanceof ContractError ? err.params?.failure : undefined;
      if (typeof failure === 'string') setTested({ ok: false, failure: failure as Extract<DeviceTestResult, { ok: false }>['failure'] });
      else setError({ text: err instanceof ContractError ? tError(err) : t('error.internal') });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <form className="sw-form" data-testid="address-form" onSubmit={(e) => void submit(e)}>
      <label className="sw-field">
        <span>{t('devices.form.kind')}</span>
        <select data-testid="form-kind" value={form.kind} onChange={(e) => set({ kind: e.target.value as AddressKind })}>
          {ADDRESS_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(KIND_TEXT[k])}
            </option>
          ))}
        </select>
      </label>
      {input('name', 'devices.form.name')}
      {input('host', 'devices.form.host', 'text', 255)}
      {input('port', 'devices.form.port', 'text', 5)}
      {form.kind !== 'onvif' && input('rtspPort', 'devices.form.rtspPort', 'text', 5)}
      {input('username', 'devices.form.username')}
      {input('password', 'devices.form.password', 'password', 128)}
      {form.kind !== 'onvif' && form.kind !== 'hikvision' && input('channels', 'devices.form.channels', 'text', 3)}
      <AreaFields value={form.area} {...(error?.field?.startsWith('area.') ? { invalidLevel: Number(error.field.slice(5)) } : {})} onChange={(area) => set({ area })} />
      {error && (
        <p className="sw-form-error" role="alert" data-testid="form-error">
          {error.text}
        </p>
      )}
      {tested && <TestOutcome result={tested} />}
      {busy === 'test' && <p className="sw-muted" role="status">{t('devices.test.running')}</p>}
      <div className="sw-form-buttons">
        <button type="button" data-testid="form-test" disabled={busy !== undefined} onClick={() => void test()}>
          {t('devices.test')}
        </button>
        <button type="submit" data-testid="form-submit" disabled={busy !== undefined}>
          {busy === 'save' ? t('devices.form.saving') : t('devices.form.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('devices.form.cancel')}
        </button>
      </div>
    </form>
  );
}

export { failureText };
