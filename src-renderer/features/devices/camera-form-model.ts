import type { DeviceInput } from '@common/contract/devices.js';
import { parseStreamUrl, type StreamUrl, type StreamUrlProblem } from '@common/model/stream-url.js';
import type { MessageKey } from '../../i18n/translate.js';

export interface CameraForm {
  name: string;
  mainUrl: string;
  subUrl: string;
  username: string;
  password: string;
}

export type FormResult = { ok: true; input: DeviceInput } | { ok: false; field: keyof CameraForm; error: MessageKey };

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
