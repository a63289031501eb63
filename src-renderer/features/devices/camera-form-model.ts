import { DeviceInput } from '@common/contract/devices.js';
import { parseStreamUrl, type StreamUrl, type StreamUrlProblem } from '@common/model/stream-url.js';
import type { MessageKey, Params } from '../../i18n/translate.js';

export interface CameraForm {
  name: string;
  mainUrl: string;
  subUrl: string;
  username: string;
  password: string;
}

export type FormResult = { ok: true; input: DeviceInput } | { ok: false; field: keyof CameraForm; error: MessageKey; params?: Params };

/** The contract's limits, read from its schema so the form and main never disagree. */
export const FORM_LIMITS = {
  name: DeviceInput.shape.name.maxLength ?? 64,
  username: DeviceInput.shape.username.unwrap().maxLength ?? 64,
  password: DeviceInput.shape.password.unwrap().maxLength ?? 128,
} as const;

/** The form field a contract error path (e.g. "name", "cameras.0.name") points at, if any. */
export function fieldOfPath(path: string | number | undefined): keyof CameraForm | undefined {
  const p = String(path ?? '');
  if (p === 'name' || /^cameras\.\d+\.name$/.test(p)) return 'name';
  if (p === 'username' || p === 'password') return p;
  if (/^cameras\.\d+\.sources\.0/.test(p) || p === 'host' || p === 'port') return 'mainUrl';
  if (/^cameras\.\d+\.sources\.\d+/.test(p)) return 'subUrl';
  return undefined;
}

function problemKey(problem: StreamUrlProblem): MessageKey {
  return problem === 'bad_escape' ? 'devices.form.error.urlEscape' : 'devices.form.error.url';
}

/**
 * Turns the operator's form into a contract DeviceInput: one device with one camera. Credentials
 * typed into a URL (rtsp://user:pass@host/...) move to the user/password fields so they end up
 * in the vault, never in the stored URL.
 */
export function buildDeviceInput(form: CameraForm, newId: () => string): FormResult {
  const name = form.name.trim();
  if (!name) return { ok: false, field: 'name', error: 'devices.form.error.name' };
  if (name.length > FORM_LIMITS.name) return { ok: false, field: 'name', error: 'devices.form.error.nameTooLong', params: { max: FORM_LIMITS.name } };
  const mainParsed = parseStreamUrl(form.mainUrl);
  if (!mainParsed.ok) return { ok: false, field: 'mainUrl', error: problemKey(mainParsed.problem) };
  const main = mainParsed.value;
  let sub: StreamUrl | undefined;
  if (form.subUrl.trim()) {
    const subParsed = parseStreamUrl(form.subUrl);
    if (!subParsed.ok) return { ok: false, field: 'subUrl', error: problemKey(subParsed.problem) };
    sub = subParsed.value;
    if (sub.scheme !== main.scheme) return { ok: false, field: 'subUrl', error: 'devices.form.error.subScheme' };
  }

  const username = form.username.trim() || main.username || sub?.username || '';
  const password = form.password || main.password || sub?.password || '';
  const rtsp = main.scheme.startsWith('rtsp');
  const input: DeviceInput = {
    name,
    kind: rtsp ? 'rtsp' : 'url',
    host: main.host,
    port: main.port,
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
    cameras: [
      {
        id: newId(),
        name,
        ptz: false,
        sources: [{ profile: 'main', url: main.url }, ...(sub ? [{ profile: 'sub' as const, url: sub.url }] : [])],
      },
    ],
  };
  return { ok: true, input };
}
