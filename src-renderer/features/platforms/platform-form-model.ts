// The add-platform form's values and the requests built from them: WVP signs in with a user name
// and password, Artemis with an AppKey and AppSecret; HTTPS needs the certificate the operator
// trusted. Pure, so each check is a unit test.
import type { PlatformConnection, PlatformKind } from '@common/contract/index.js';
import type { MessageKey } from '../../i18n/zh-CN.js';

export interface PlatformForm {
  kind: PlatformKind;
  name: string;
  host: string;
  port: string;
  https: boolean;
  username: string;
  password: string;
  /** The fingerprint the operator trusted, for the host:port it was read from. */
  trusted?: { sha256: string; at: string };
}

export const DEFAULT_PORTS: Record<PlatformKind, { http: number; https: number }> = {
  wvp: { http: 18080, https: 18080 },
  artemis: { http: 80, https: 443 },
};

export function emptyForm(kind: PlatformKind = 'wvp'): PlatformForm {
  return { kind, name: '', host: '', port: String(DEFAULT_PORTS[kind].http), https: kind === 'artemis', username: '', password: '' };
}

export type Built = { ok: true; conn: PlatformConnection } | { ok: false; field: keyof PlatformForm; error: MessageKey; params?: Record<string, string> };

export function credentialLabels(kind: PlatformKind): { user: MessageKey; secret: MessageKey } {
  return kind === 'artemis' ? { user: 'platforms.form.appKey', secret: 'platforms.form.appSecret' } : { user: 'platforms.form.username', secret: 'platforms.form.password' };
}

export function buildConnection(f: PlatformForm, label: (k: MessageKey) => string): Built {
  const host = f.host.trim();
  if (!host) return { ok: false, field: 'host', error: 'platforms.error.required', params: { field: label('platforms.form.host') } };
  const port = Number(f.port);
  if (!/^\d{1,5}$/.test(f.port.trim()) || port < 1 || port > 65535) return { ok: false, field: 'port', error: 'platforms.error.port' };
  const labels = credentialLabels(f.kind);
  if (!f.username.trim()) return { ok: false, field: 'username', error: 'platforms.error.required', params: { field: label(labels.user) } };
  if (!f.password) return { ok: false, field: 'password', error: 'platforms.error.required', params: { field: label(labels.secret) } };
  const at = `${host}:${port}`;
  const pin = f.https && f.trusted?.at === at ? f.trusted.sha256 : undefined;
  if (f.https && !pin) return { ok: false, field: 'https', error: 'platforms.cert.needed' };
  return { ok: true, conn: { kind: f.kind, host, port, https: f.https, username: f.username.trim(), password: f.password, ...(pin ? { tlsPinSha256: pin } : {}) } };
}

/** "AB:CD:…" as the operator compares it with what the platform administrator reads out. */
export function formatFingerprint(hex: string): string {
  return hex.toUpperCase().replace(/(..)(?!$)/g, '$1:');
}
