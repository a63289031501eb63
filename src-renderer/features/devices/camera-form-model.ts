import type { DeviceInput } from '../../../src-main/common/contract/devices.js';
import type { MessageKey } from '../../i18n/translate.js';

export interface CameraForm {
  name: string;
  mainUrl: string;
  subUrl: string;
  username: string;
  password: string;
}

export type FormResult = { ok: true; input: DeviceInput } | { ok: false; field: keyof CameraForm; error: MessageKey };

const SCHEMES = ['rtsp:', 'rtsps:', 'http:', 'https:', 'ws:', 'wss:'];

function parse(url: string): URL | undefined {
  try {
    const u = new URL(url.trim());
    return SCHEMES.includes(u.protocol) && u.hostname ? u : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Turns the operator's form into a contract DeviceInput: one device with one camera. Credentials
 * typed into a URL (rtsp://user:pass@host/...) move to the user/password fields so they end up
 * in the vault, never in the stored URL.
 */
export function buildDeviceInput(form: CameraForm, newId: () => string): FormResult {
  const name = form.name.trim();
  if (!name) return { ok: false, field: 'name', error: 'devices.form.error.name' };
  const main = parse(form.mainUrl);
  if (!main) return { ok: false, field: 'mainUrl', error: 'devices.form.error.url' };
  const sub = form.subUrl.trim() ? parse(form.subUrl) : undefined;
  if (form.subUrl.trim() && !sub) return { ok: false, field: 'subUrl', error: 'devices.form.error.url' };
  if (sub && sub.protocol !== main.protocol) return { ok: false, field: 'subUrl', error: 'devices.form.error.subScheme' };

  let username = form.username.trim();
  let password = form.password;
  for (const u of [main, sub]) {
    if (!u || (!u.username && !u.password)) continue;
    username ||= decodeURIComponent(u.username);
    password ||= decodeURIComponent(u.password);
    u.username = '';
    u.password = '';
  }
  const rtsp = main.protocol.startsWith('rtsp');
  const defaultPort = { 'rtsp:': 554, 'rtsps:': 322, 'http:': 80, 'https:': 443, 'ws:': 80, 'wss:': 443 }[main.protocol] ?? 554;
  const input: DeviceInput = {
    name,
    kind: rtsp ? 'rtsp' : 'url',
    host: main.hostname,
    port: main.port ? Number(main.port) : defaultPort,
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
    cameras: [
      {
        id: newId(),
        name,
        ptz: false,
        sources: [{ profile: 'main', url: main.toString() }, ...(sub ? [{ profile: 'sub' as const, url: sub.toString() }] : [])],
      },
    ],
  };
  return { ok: true, input };
}
