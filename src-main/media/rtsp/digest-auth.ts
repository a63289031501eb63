// HTTP-style authentication for RTSP: challenge parsing and Digest (RFC 2617 / RFC 7616:
// MD5, MD5-sess, SHA-256, SHA-256-sess; qop auth / auth-int / none) and Basic responses.
import { createHash, randomBytes } from 'node:crypto';

export interface AuthChallenge {
  scheme: 'digest' | 'basic';
  realm: string;
  nonce?: string;
  opaque?: string;
  algorithm?: string;
  /** qop options offered by the server, lower-cased. */
  qop: string[];
  stale: boolean;
}

/** Parses one WWW-Authenticate header value. Returns undefined for schemes we do not speak. */
export function parseChallenge(header: string): AuthChallenge | undefined {
  const m = /^\s*(\w+)\s*(.*)$/s.exec(header);
  if (!m) return undefined;
  const scheme = m[1].toLowerCase();
  if (scheme !== 'digest' && scheme !== 'basic') return undefined;
  const params = parseAuthParams(m[2]);
  return {
    scheme,
    realm: params.realm ?? '',
    nonce: params.nonce,
    opaque: params.opaque,
    algorithm: params.algorithm,
    qop: (params.qop ?? '').split(',').map((q) => q.trim().toLowerCase()).filter(Boolean),
    stale: (params.stale ?? '').toLowerCase() === 'true',
  };
}

/** key=value or key="quoted, with \" escapes" pairs separated by commas. */
export function parseAuthParams(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /\s*([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) break;
    out[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
  }
  return out;
}

const HASHES: Record<string, 'md5' | 'sha256'> = { 'md5': 'md5', 'md5-sess': 'md5', 'sha-256': 'sha256', 'sha-256-sess': 'sha256' };

/** The strongest challenge we support: Digest SHA-256, then Digest MD5, then Basic. */
export function pickChallenge(headers: readonly string[]): AuthChallenge | undefined {
  const rank = (c: AuthChallenge) => {
    if (c.scheme === 'basic') return 1;
    const alg = (c.algorithm ?? 'MD5').toLowerCase();
    if (!HASHES[alg] || !c.nonce) return 0;
    return alg.startsWith('sha-256') ? 3 : 2;
  };
  let best: AuthChallenge | undefined;
  for (const h of headers) {
    const c = parseChallenge(h);
    if (c && rank(c) > 0 && (!best || rank(c) > rank(best))) best = c;
  }
  return best;
}

export interface DigestInput {
  username: string;
  password: string;
  realm: string;
  nonce: string;
  method: string;
  uri: string;
  algorithm?: string;
  qop?: 'auth' | 'auth-int';
  nc?: number;
  cnonce?: string;
  body?: Uint8Array;
}

/** The request-digest ("response") value. */
export function digestResponse(d: DigestInput): string {
  const alg = (d.algorithm ?? 'MD5').toLowerCase();
  const hashName = HASHES[alg];
  if (!hashName) throw new Error(`unsupported digest algorithm ${d.algorithm}`);
  const h = (s: string | Uint8Array) => createHash(hashName).update(s).digest('hex');
  let ha1 = h(`${d.username}:${d.realm}:${d.password}`);
  if (alg.endsWith('-sess')) ha1 = h(`${ha1}:${d.nonce}:${d.cnonce ?? ''}`);
  const ha2 = d.qop === 'auth-int' ? h(`${d.method}:${d.uri}:${h(d.body ?? new Uint8Array(0))}`) : h(`${d.method}:${d.uri}`);
  if (!d.qop) return h(`${ha1}:${d.nonce}:${ha2}`);
  return h(`${ha1}:${d.nonce}:${ncString(d.nc ?? 1)}:${d.cnonce ?? ''}:${d.qop}:${ha2}`);
}

function ncString(nc: number): string {
  return nc.toString(16).padStart(8, '0');
}

function quote(s: string): string {
  return `"${s.replace(/(["\\])/g, '\\$1')}"`;
}

/** Builds Authorization header values for one challenge; counts nonce uses for Digest. */
export class Authenticator {
  private nc = 0;

  constructor(
    private readonly challenge: AuthChallenge,
    private readonly username: string,
    private readonly password: string,
  ) {}

  get scheme(): 'digest' | 'basic' {
    return this.challenge.scheme;
  }

  header(method: string, uri: string): string {
    const c = this.challenge;
    if (c.scheme === 'basic') return 'Basic ' + Buffer.from(`${this.username}:${this.password}`, 'utf8').toString('base64');
    const qop = c.qop.includes('auth') ? 'auth' : c.qop.includes('auth-int') ? 'auth-int' : undefined;
    const nc = ++this.nc;
    const cnonce = randomBytes(8).toString('hex');
    const response = digestResponse({ username: this.username, password: this.password, realm: c.realm, nonce: c.nonce ?? '', method, uri, algorithm: c.algorithm, qop, nc, cnonce });
    const parts = [`username=${quote(this.username)}`, `realm=${quote(c.realm)}`, `nonce=${quote(c.nonce ?? '')}`, `uri=${quote(uri)}`, `response=${quote(response)}`];
    if (c.algorithm) parts.push(`algorithm=${c.algorithm}`);
    if (c.opaque !== undefined) parts.push(`opaque=${quote(c.opaque)}`);
    if (qop) parts.push(`qop=${qop}`, `nc=${ncString(nc)}`, `cnonce=${quote(cnonce)}`);
    return 'Digest ' + parts.join(', ');
  }
}
