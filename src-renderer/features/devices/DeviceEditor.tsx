// Editing a device: name, address, port, credentials and area, keeping its camera ids, so its
// cameras stay on every wall. A typed password replaces the stored one; left blank it is kept.
// New credentials lift "authentication failed" for this device and its tiles play again. The
// stream budget (most streams, most Mbit/s) is edited here too; empty keeps the vendor's default.
import { useState, type FormEvent } from 'react';
import type { DeviceTestResult, DeviceUpdate, DeviceView } from '@common/contract/index.js';
import { useT, useTError } from '../../i18n/use-t.js';
import type { MessageKey } from '../../i18n/translate.js';
import { ContractError } from '../../services/bridge.js';
import { devicesService } from '../../services/devices.js';
import { devicesSelectors, useStore } from '../../store/index.js';
import { MAX_BITRATE_KBPS_LIMIT, MAX_STREAMS_LIMIT } from '@common/model/device.js';
import { areaPathOf, checkHost, parsePort } from './address-form-model.js';
import { AreaFields } from './AreaFields.js';
import { TestOutcome } from './TestOutcome.js';
import './devices.css';

/** Kinds the connection test speaks to (ONVIF, Hikvision ISAPI, and the RTSP check of Dahua and Uniview). */
const TESTABLE_KINDS: readonly string[] = ['onvif', 'hikvision', 'dahua', 'uniview'];

interface EditValues {
  name: string;
  host: string;
  port: string;
  username: string;
  password: string;
  area: string[];
  /** Stream budget: most streams at once, most total bitrate in Mbit/s; empty: the vendor's default. */
  maxStreams: string;
  maxMbps: string;
}

type Field = keyof EditValues | `area.${number}`;

function valuesOf(d: DeviceView): EditValues {
  const area = d.area ?? [];
  return {
    name: d.name,
    host: d.host,
    port: String(d.port),
    username: d.username ?? '',
    password: '',
    area: [0, 1, 2, 3].map((i) => area[i] ?? ''),
    maxStreams: d.maxStreams !== undefined ? String(d.maxStreams) : '',
    maxMbps: d.maxBitrateKbps !== undefined ? String(d.maxBitrateKbps / 1000) : '',
  };
}

/** A budget field: empty is no limit of the device's own (null), else a number within the contract's range. */
function limitOf(text: string, scale: number, min: number, max: number, integer: boolean): { ok: true; value: number | null } | { ok: false } {
  const t = text.trim();
  if (t === '') return { ok: true, value: null };
  const n = Number(t);
  if (!/^\d+(\.\d+)?$/.test(t) || (integer && !Number.isInteger(n))) return { ok: false };
  const value = Math.round(n * scale);
  return value >= min && value <= max ? { ok: true, value } : { ok: false };
}

/** The change to send: only what differs, so an untouched password stays in the vault. */
export function editChange(d: DeviceView, v: EditValues): { ok: true; change: DeviceUpdate } | { ok: false; field: Field; error: MessageKey } {
  const name = v.name.trim();
  if (!name) return { ok: false, field: 'name', error: 'devices.form.error.name' };
  const host = checkHost(v.host);
  if (!host) return { ok: false, field: 'host', error: 'devices.form.error.host' };
  const port = parsePort(v.port);
  if (port === undefined) return { ok: false, field: 'port', error: 'devices.form.error.port' };
  const area = areaPathOf(v.area);
  if (!area.ok) return { ok: false, field: `area.${area.level}`, error: 'devices.form.error.areaGap' };
  const streams = limitOf(v.maxStreams, 1, 1, MAX_STREAMS_LIMIT, true);
  if (!streams.ok) return { ok: false, field: 'maxStreams', error: 'devices.edit.error.maxStreams' };
  const bitrate = limitOf(v.maxMbps, 1000, 64, MAX_BITRATE_KBPS_LIMIT, false);
  if (!bitrate.ok) return { ok: false, field: 'maxMbps', error: 'devices.edit.error.maxMbps' };
  const change: DeviceUpdate = { id: d.id };
  if (streams.value !== (d.maxStreams ?? null)) change.maxStreams = streams.value;
  if (bitrate.value !== (d.maxBitrateKbps ?? null)) change.maxBitrateKbps = bitrate.value;
  if (name !== d.name) change.name = name;
  if (host !== d.host) change.host = host;
  if (port !== d.port) change.port = port;
  if (v.username.trim() !== (d.username ?? '')) change.username = v.username.trim();
  if (v.password) change.password = v.password;
  if (JSON.stringify(area.area) !== JSON.stringify(d.area ?? [])) change.area = area.area;
  return { ok: true, change };
}

export function DeviceEditor() {
  const device = useStore(devicesSelectors.editingDevice);
  if (!device || device.demo) return null;
  return <EditForm key={device.id} device={device} />;
}

function EditForm({ device }: { device: DeviceView }) {
  const t = useT();
  const tError = useTError();
  const close = useStore((s) => s.closeDeviceEditor);
  const update = useStore((s) => s.updateDevice);
  const [v, setV] = useState<EditValues>(() => valuesOf(device));
  const [error, setError] = useState<{ field?: Field; text: string }>();
  const [tested, setTested] = useState<DeviceTestResult>();
  const [busy, setBusy] = useState(false);

  const set = (patch: Partial<EditValues>) => {
    setV({ ...v, ...patch });
    setTested(undefined);
    setError(undefined);
  };
  const input = (key: Exclude<keyof EditValues, 'area'>, label: MessageKey, type = 'text', max = 64) => (
    <label className={`sw-field${error?.field === key ? ' invalid' : ''}`}>
      <span>{t(label)}</span>
      <input data-testid={`edit-${key}`} type={type} value={v[key]} maxLength={max} autoComplete="off" placeholder={key === 'password' && device.hasPassword ? t('devices.edit.passwordKept') : undefined} onChange={(e) => set({ [key]: e.target.value })} />
    </label>
  );

  const checked = () => {
    const r = editChange(device, v);
    if (!r.ok) setError({ field: r.field, text: t(r.error) });
    return r.ok ? r.change : undefined;
  };

  const test = async () => {
    const c = checked();
    if (!c) return;
    setBusy(true);
    try {
      const username = c.username ?? device.username;
      setTested(await devicesService.test({ id: device.id, kind: device.kind, host: c.host ?? device.host, port: c.port ?? device.port, ...(username ? { username } : {}), ...(c.password ? { password: c.password } : {}) }));
    } catch (err) {
      setError({ text: err instanceof ContractError ? tError(err) : t('error.internal') });
    } finally {
      setBusy(false);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const c = checked();
    if (!c) return;
    setBusy(true);
    try {
      await update(c);
      close();
    } catch (err) {
      setError({ text: err instanceof ContractError ? tError(err) : t('error.internal') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sw-modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && close()}>
      <form className="sw-form sw-modal" role="dialog" aria-modal="true" aria-label={t('devices.edit.title', { name: device.name })} data-testid="device-editor" onSubmit={(e) => void submit(e)}>
        <h2>{t('devices.edit.title', { name: device.name })}</h2>
        {device.loginRefused && (
          <p className="sw-form-error" role="alert" data-testid="edit-refused">
            {t('devices.edit.refused')}
          </p>
        )}
        {input('name', 'devices.form.name')}
        {input('host', 'devices.form.host', 'text', 255)}
        {input('port', 'devices.form.port', 'text', 5)}
        {input('username', 'devices.form.username')}
        {input('password', 'devices.form.password', 'password', 128)}
        <AreaFields value={v.area} {...(error?.field?.startsWith('area.') ? { invalidLevel: Number(error.field.slice(5)) } : {})} onChange={(area) => set({ area })} />
        <fieldset className="sw-area-fields" data-testid="edit-budget">
          <legend>{t('devices.edit.budget')}</legend>
          {input('maxStreams', 'devices.edit.maxStreams', 'text', 4)}
          {input('maxMbps', 'devices.edit.maxMbps', 'text', 8)}
          <p className="sw-muted sw-budget-hint">{t('devices.edit.budgetHint')}</p>
        </fieldset>
        <p className="sw-muted">{t('devices.edit.keepsCameras', { count: device.cameras.length })}</p>
        {error && (
          <p className="sw-form-error" role="alert" data-testid="form-error">
            {error.text}
          </p>
        )}
        {tested && <TestOutcome result={tested} />}
        <div className="sw-form-buttons">
          {TESTABLE_KINDS.includes(device.kind) && (
            <button type="button" data-testid="edit-test" disabled={busy} onClick={() => void test()}>
              {t('devices.test')}
            </button>
          )}
          <button type="submit" data-testid="edit-save" disabled={busy}>
            {t('devices.form.save')}
          </button>
          <button type="button" data-testid="edit-cancel" onClick={close}>
            {t('devices.form.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
