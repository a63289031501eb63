import { useState, type FormEvent } from 'react';
import { useT, useTError } from '../../i18n/use-t.js';
import { useStore } from '../../store/index.js';
import { ContractError } from '../../services/bridge.js';
import { buildDeviceInput, fieldOfPath, FORM_LIMITS, type CameraForm } from './camera-form-model.js';

const EMPTY: CameraForm = { name: '', mainUrl: '', subUrl: '', username: '', password: '' };

function newCameraId(): string {
  return `cam-${crypto.randomUUID()}`;
}

/** The dialog's "by URL" tab: one camera by its stream URL (RTSP, or a platform FLV/TS/HLS URL). */
export function UrlForm({ onDone }: { onDone(): void }) {
  const t = useT();
  const tError = useTError();
  const addDevice = useStore((s) => s.addDevice);
  const [form, setForm] = useState<CameraForm>(EMPTY);
  const [error, setError] = useState<{ field?: keyof CameraForm; text: string }>();
  const [busy, setBusy] = useState(false);

  const field = (key: keyof CameraForm, label: string, type = 'text') => {
    const max = key in FORM_LIMITS ? FORM_LIMITS[key as keyof typeof FORM_LIMITS] : undefined;
    const invalid = error?.field === key;
    return (
      <label className={`sw-field${invalid ? ' invalid' : ''}`}>
        <span>{label}</span>
        <input
          data-testid={`form-${key}`}
          type={type}
          value={form[key]}
          autoComplete="off"
          maxLength={max}
          aria-invalid={invalid || undefined}
          aria-errormessage={invalid ? 'add-camera-error' : undefined}
          onChange={(e) => setForm({ ...form, [key]: e.target.value })}
        />
      </label>
    );
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const built = buildDeviceInput(form, newCameraId);
    if (!built.ok) {
      setError({ field: built.field, text: t(built.error, built.params) });
      return;
    }
    setBusy(true);
    try {
      await addDevice(built.input);
      setForm(EMPTY);
      setError(undefined);
      onDone();
    } catch (err) {
      // Nothing typed is lost: the form keeps its values so the operator can correct them.
      if (!(err instanceof ContractError)) return setError({ text: t('error.internal') });
      const at = fieldOfPath(err.params?.path);
      if (at === 'name') return setError({ field: at, text: t('devices.form.error.nameInvalid', { max: FORM_LIMITS.name }) });
      setError({ ...(at ? { field: at } : {}), text: tError(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="sw-form" data-testid="add-camera-form" onSubmit={(e) => void submit(e)}>
      {field('name', t('devices.form.name'))}
      {field('mainUrl', t('devices.form.mainUrl'))}
      {field('subUrl', t('devices.form.subUrl'))}
      {field('username', t('devices.form.username'))}
      {field('password', t('devices.form.password'), 'password')}
      {error && (
        <p className="sw-form-error" role="alert" id="add-camera-error" data-testid="form-error">
          {error.text}
        </p>
      )}
      <div className="sw-form-buttons">
        <button type="submit" data-testid="form-submit" disabled={busy}>
          {t('devices.form.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('devices.form.cancel')}
        </button>
      </div>
    </form>
  );
}
