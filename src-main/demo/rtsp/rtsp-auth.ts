// Server-side RTSP authentication like cameras do it: HTTP Basic (RFC 7617) or Digest MD5
// (RFC 2617, with qop=auth or the older form without qop).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface DemoRtspAuth {
  username: string;
  password: string;
  scheme: 'digest' | 'basic';
  /** Digest only: offer qop="auth" (default true); false gives the RFC 2069-style challenge. */
  digestQop?: boolean;
  /** Default "Skywall Demo". */
  realm?: string;
}

const MAX_REMEMBERED_NONCES = 256;

const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex');

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Parses `key=value, key="quoted, value"` pairs of a Digest Authorization header. */
export function parseAuthParams(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.set(m[1].toLowerCase(), m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]);
  }
  return out;
}

export class RtspAuthenticator {
  private readonly realm: string;
  private readonly nonces: string[] = [];

  constructor(private readonly auth: DemoRtspAuth) {
    this.realm = auth.realm ?? 'Skywall Demo';
  }

  /** Value for a 401's WWW-Authenticate header; each call issues a fresh nonce. */
  challenge(): string {
    if (this.auth.scheme === 'basic') return `Basic realm="${this.realm}"`;
    const nonce = randomBytes(16).toString('hex');
    this.nonces.push(nonce);
    if (this.nonces.length > MAX_REMEMBERED_NONCES) this.nonces.shift();
    const qop = this.auth.digestQop === false ? '' : ', qop="auth"';
    return `Digest realm="${this.realm}", nonce="${nonce}", algorithm=MD5${qop}`;
  }

  /** True when the Authorization header proves the configured credentials for this method. */
  verify(method: string, authorization: string | undefined): boolean {
    if (!authorization) return false;
    const space = authorization.indexOf(' ');
    if (space < 0) return false;
    const scheme = authorization.slice(0, space).toLowerCase();
    const rest = authorization.slice(space + 1).trim();
    if (this.auth.scheme === 'basic') {
      if (scheme !== 'basic') return false;
      const expected = Buffer.from(`${this.auth.username}:${this.auth.password}`, 'utf8').toString('base64');
      return sameText(rest, expected);
    }
    if (scheme !== 'digest') return false;
    return this.verifyDigest(method, parseAuthParams(rest));
  }

  private verifyDigest(method: string, p: Map<string, string>): boolean {
    const nonce = p.get('nonce');
    const uri = p.get('uri');
    const response = p.get('response');
    if (!nonce || !uri || !response || !this.nonces.includes(nonce)) return false;
    if (p.get('username') !== this.auth.username || p.get('realm') !== this.realm) return false;
    const algorithm = p.get('algorithm');
    if (algorithm !== undefined && algorithm.toUpperCase() !== 'MD5') return false;
    const ha1 = md5(`${this.auth.username}:${this.realm}:${this.auth.password}`);
    const ha2 = md5(`${method}:${uri}`);
    const qop = p.get('qop');
    let expected: string;
    if (qop === undefined) {
      expected = md5(`${ha1}:${nonce}:${ha2}`);
    } else {
      const nc = p.get('nc');
      const cnonce = p.get('cnonce');
      if (qop !== 'auth' || this.auth.digestQop === false || !nc || !cnonce) return false;
      expected = md5(`${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`);
    }
    return sameText(response.toLowerCase(), expected);
  }
}
