import { useState, type FormEvent } from 'react';
import type { PlatformCertificate, PlatformKind } from '@common/contract/index.js';
import { useT, useTError } from '../../i18n/use-t.js';
import { ContractError } from '../../services/bridge.js';
import { platformsService } from '../../services/platforms.js';
import { PlatformRefresh } from './PlatformRefresh.js';
import { buildConnection, credentialLabels, DEFAULT_PORTS, emptyForm, formatFingerprint, type PlatformForm } from './platform-form-model.js';

/** "添加平台": a county platform added with its certificate checked, its login tested and its channels imported. */
export function AddPlatform() {
  const t = useT();
  const tError = useTError();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<PlatformForm>(emptyForm());
  const [cert, setCert] = useState<PlatformCertificate>();
  const [note, setNote] = useState<{ kind: 'error' | 'info'; text: string }>();
  const [busy, setBusy] = useState(false);

  const explain = (err: unknown): string => {
    if (!(err instanceof ContractError)) return t('error.internal');
    if (err.code === 'auth_failed' && err.params?.reason === 'certificate') return t('platforms.error.certificate');
    if (err.code === 'auth_failed' && err.params?.reason === 'signature') return t('platforms.error.signature');
    return tError(err);
  };
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (err) {
      setNote({ kind: 'error', text: explain(err) });
    } finally {
      setBusy(false);
    }
  };
  const connection = () => {
    const built = buildConnection(form, (k) => t(k));
    if (!built.ok) {
      setNote({ kind: 'error', text: t(built.error, built.params) });
      return undefined;
    }
    return built.conn;
  };

  const setKind = (kind: PlatformKind) => setForm({ ...emptyForm(kind), name: form.name, host: form.host });
  const showCertificate = () =>
    run(async () => {
      const port = Number(form.port);
      setCert(await platformsService.certificate(form.host.trim(), port));
      setNote(undefined);
    });
  const test = () =>
    run(async () => {
      const conn = connection();
      if (!conn) return;
      const found = await platformsService.discover(conn);
      setNote({ kind: 'info', text: t('platforms.found', { count: found.channels.length, online: found.channels.filter((c) => c.online).length }) });
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const conn = connection();
      if (!conn) return;
      const added = await platformsService.add({ ...conn, name: form.name.trim() || form.host.trim() });
      setNote({ kind: 'info', text: t('platforms.added', { count: added.cameras }) });
      setForm(emptyForm(form.kind));
      setCert(undefined);
    });
  };

  if (!open) {
    return (
      <>
        <div className="sw-form-buttons">
          <button data-testid="add-platform" onClick={() => setOpen(true)}>
            {t('platforms.add')}
          </button>
        </div>
        <PlatformRefresh explain={explain} />
      </>
    );
  }
  const labels = credentialLabels(form.kind);
  const input = (key: 'name' | 'host' | 'port' | 'username' | 'password', label: string, type = 'text') => (
    <label className="sw-field">
      <span>{label}</span>
      <input data-testid={`platform-${key}`} type={type} value={form[key]} autoComplete="off" maxLength={key === 'password' ? 128 : key === 'host' ? 255 : 64} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </label>
  );
  const at = `${form.host.trim()}:${Number(form.port)}`;
  return (
    <form className="sw-form" data-testid="add-platform-form" onSubmit={submit}>
      <h3>{t('platforms.form.title')}</h3>
      <label className="sw-field">
        <span>{t('platforms.form.kind')}</span>
        <select data-testid="platform-kind" value={form.kind} onChange={(e) => setKind(e.target.value as PlatformKind)}>
          <option value="wvp">{t('platforms.kind.wvp')}</option>
          <option value="artemis">{t('platforms.kind.artemis')}</option>
        </select>
      </label>
      {input('name', t('platforms.form.name'))}
      {input('host', t('platforms.form.host'))}
      {input('port', t('platforms.form.port'))}
      <label className="sw-field sw-check">
        <input
          type="checkbox"
          data-testid="platform-https"
          checked={form.https}
          onChange={(e) => setForm({ ...form, https: e.target.checked, port: String(DEFAULT_PORTS[form.kind][e.target.checked ? 'https' : 'http']) })}
        />
        <span>{t('platforms.form.https')}</span>
      </label>
      {form.https && (
        <button type="button" data-testid="platform-show-cert" disabled={busy || !form.host.trim()} onClick={() => void showCertificate()}>
          {t('platforms.form.showCertificate')}
        </button>
      )}
      {form.https && cert && (
        <div className="sw-cert" data-testid="platform-cert">
          <strong>{t('platforms.cert.title')}</strong>
          <div>
            {t('platforms.cert.fingerprint')}: <code data-testid="platform-cert-fingerprint">{formatFingerprint(cert.sha256)}</code>
          </div>
          <div>
            {t('platforms.cert.subject')}: {cert.subject}
          </div>
          <div>
            {t('platforms.cert.validity')}: {cert.validFrom} – {cert.validTo}
          </div>
          {cert.selfSigned && <p className="sw-muted">{t('platforms.cert.selfSigned')}</p>}
          <label className="sw-field sw-check">
            <input
              type="checkbox"
              data-testid="platform-cert-trust"
              checked={form.trusted?.sha256 === cert.sha256 && form.trusted.at === at}
              onChange={(e) => setForm({ ...form, ...(e.target.checked ? { trusted: { sha256: cert.sha256, at } } : { trusted: undefined }) })}
            />
            <span>{t('platforms.cert.trust')}</span>
          </label>
        </div>
      )}
      {input('username', t(labels.user))}
      {input('password', t(labels.secret), 'password')}
      {note && (
        <p className={note.kind === 'error' ? 'sw-form-error' : 'sw-muted'} role={note.kind === 'error' ? 'alert' : 'status'} data-testid="platform-note">
          {note.text}
        </p>
      )}
      <div className="sw-form-buttons">
        <button type="button" data-testid="platform-test" disabled={busy} onClick={() => void test()}>
          {t('platforms.form.test')}
        </button>
        <button type="submit" data-testid="platform-submit" disabled={busy}>
          {t('platforms.form.save')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('platforms.form.cancel')}
        </button>
      </div>
    </form>
  );
}
