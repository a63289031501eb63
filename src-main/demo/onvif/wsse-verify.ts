// WS-Security UsernameToken check (OASIS UsernameToken Profile 1.0 as ONVIF uses it):
// PasswordDigest = Base64(SHA-1(nonce bytes + Created + password)). Created must be close to
// the device clock and a nonce may be used once, which defeats replays.

import { createHash, timingSafeEqual } from 'node:crypto';
import { child, childText, type XmlElement } from './xml-reader.js';
import { NS } from './soap-writer.js';

export type WsseOutcome =
  | { kind: 'absent' }
  | { kind: 'ok'; username: string }
  | { kind: 'denied'; reason: 'malformed' | 'unknown_user' | 'bad_password' | 'stale_created' | 'replayed_nonce' };

const DIGEST_TYPE = '#PasswordDigest';
const TEXT_TYPE = '#PasswordText';

/** Remembers nonces for a while so each can be used only once. */
export class NonceMemory {
  private readonly seen = new Map<string, number>();
  constructor(private readonly keepMs: number) {}

  /** false when the nonce was already used */
  remember(nonce: string, now: number): boolean {
    for (const [n, at] of this.seen) if (now - at > this.keepMs) this.seen.delete(n);
    if (this.seen.has(nonce)) return false;
    this.seen.set(nonce, now);
    return true;
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function passwordDigest(nonce: Buffer, created: string, password: string): string {
  return createHash('sha1')
    .update(Buffer.concat([nonce, Buffer.from(created, 'utf8'), Buffer.from(password, 'utf8')]))
    .digest('base64');
}

export interface WsseCheck {
  username: string;
  password: string;
  deviceNowMs: number;
  toleranceMs: number;
  nonces: NonceMemory;
}

export function verifyUsernameToken(envelopeEl: XmlElement, check: WsseCheck): WsseOutcome {
  const header = child(envelopeEl, 'Header');
  const security = header?.children.find((c) => c.name === 'Security' && c.ns === NS.wsse);
  const token = child(security, 'UsernameToken');
  if (!token) return { kind: 'absent' };

  const username = childText(token, 'Username');
  const passwordEl = child(token, 'Password');
  if (username === undefined || !passwordEl) return { kind: 'denied', reason: 'malformed' };
  const type = passwordEl.attrs.Type ?? TEXT_TYPE;
  const given = passwordEl.text.trim();
  if (!sameText(username, check.username)) return { kind: 'denied', reason: 'unknown_user' };

  if (type.endsWith(TEXT_TYPE)) {
    return sameText(given, check.password) ? { kind: 'ok', username } : { kind: 'denied', reason: 'bad_password' };
  }
  if (!type.endsWith(DIGEST_TYPE)) return { kind: 'denied', reason: 'malformed' };

  const nonceB64 = childText(token, 'Nonce');
  const created = childText(token, 'Created');
  if (!nonceB64 || !created) return { kind: 'denied', reason: 'malformed' };
  const createdMs = Date.parse(created);
  if (Number.isNaN(createdMs)) return { kind: 'denied', reason: 'malformed' };

  const expected = passwordDigest(Buffer.from(nonceB64, 'base64'), created, check.password);
  if (!sameText(given, expected)) return { kind: 'denied', reason: 'bad_password' };
  if (Math.abs(createdMs - check.deviceNowMs) > check.toleranceMs) return { kind: 'denied', reason: 'stale_created' };
  if (!check.nonces.remember(nonceB64, check.deviceNowMs)) return { kind: 'denied', reason: 'replayed_nonce' };
  return { kind: 'ok', username };
}
