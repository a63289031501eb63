// HTTP Digest authentication, server side (RFC 7616 with MD5, qop=auth; the RFC 2069 form
// without qop is accepted too, as older clients send it). Nonces are issued by us, expire,
// and their nonce-count must grow, so a captured Authorization header cannot be replayed.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export type DigestOutcome =
  | { kind: 'absent' }
  | { kind: 'ok'; username: string }
  | { kind: 'denied'; reason: 'malformed' | 'unknown_user' | 'bad_password' | 'stale_nonce' | 'wrong_uri' };

const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex');

/** Splits `a=b, c="d, e"` into a map; quoted values may hold commas and escaped quotes. */
export function parseAuthParams(input: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /\s*([a-zA-Z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*(?:,|$)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(input)) !== null && m[0] !== '') {
    out[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
  }
  return out;
}

export class DigestAuthority {
  private readonly nonces = new Map<string, { issuedAt: number; lastNc: number }>();

  constructor(
    readonly realm: string,
    private readonly nonceTtlMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Value for a WWW-Authenticate header; registers a fresh nonce. */
  challenge(stale = false): string {
    this.expire();
    const nonce = randomBytes(16).toString('hex');
    this.nonces.set(nonce, { issuedAt: this.now(), lastNc: 0 });
    return `Digest realm="${this.realm}", qop="auth", nonce="${nonce}", algorithm=MD5${stale ? ', stale=true' : ''}`;
  }

  verify(authorization: string | undefined, method: string, requestUri: string, username: string, password: string): DigestOutcome {
    if (!authorization || !/^digest\s/i.test(authorization)) return { kind: 'absent' };
    const p = parseAuthParams(authorization.replace(/^digest\s+/i, ''));
    if (!p.username || !p.nonce || !p.uri || !p.response || p.realm !== this.realm) return { kind: 'denied', reason: 'malformed' };
    if (p.algorithm && p.algorithm.toUpperCase() !== 'MD5') return { kind: 'denied', reason: 'malformed' };
    if (p.uri !== requestUri) return { kind: 'denied', reason: 'wrong_uri' };

    const ha1 = md5(`${p.username}:${this.realm}:${password}`);
    const ha2 = md5(`${method}:${p.uri}`);
    let expected: string;
    let nc = 0;
    if (p.qop) {
      if (p.qop !== 'auth' || !p.nc || !p.cnonce) return { kind: 'denied', reason: 'malformed' };
      nc = parseInt(p.nc, 16);
      if (!Number.isFinite(nc)) return { kind: 'denied', reason: 'malformed' };
      expected = md5(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:${p.qop}:${ha2}`);
    } else {
      expected = md5(`${ha1}:${p.nonce}:${ha2}`);
    }
    const a = Buffer.from(p.response.toLowerCase());
    const b = Buffer.from(expected);
    const userOk = p.username === username;
    const responseOk = a.length === b.length && timingSafeEqual(a, b);
    if (!userOk) return { kind: 'denied', reason: 'unknown_user' };
    if (!responseOk) return { kind: 'denied', reason: 'bad_password' };

    // Right password but an unknown, expired or replayed nonce: the client should retry with a new one.
    this.expire();
    const issued = this.nonces.get(p.nonce);
    if (!issued || (p.qop && nc <= issued.lastNc)) return { kind: 'denied', reason: 'stale_nonce' };
    issued.lastNc = nc;
    return { kind: 'ok', username };
  }

  private expire(): void {
    const t = this.now();
    for (const [n, v] of this.nonces) if (t - v.issuedAt > this.nonceTtlMs) this.nonces.delete(n);
  }
}
