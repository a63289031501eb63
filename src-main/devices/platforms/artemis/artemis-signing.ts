// AK/SK signing of Hikvision's Artemis OpenAPI gateway, as the gateway checks it: the string
// to sign is the method, then Accept, Content-MD5, Content-Type and Date each on its own line
// only when the request carries it, then every x-ca-* header as `name:value` (sorted by name),
// then the path with its query sorted by key. The signature is Base64(HMAC-SHA256(SK, that)),
// and x-ca-signature-headers names the signed x-ca-* headers. Used by the client and, to
// verify, by the test fake: one definition of the rule.
import { createHmac, randomUUID } from 'node:crypto';

export interface SignableRequest {
  method: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  path: string;
  query?: Record<string, string>;
}

const PLAIN_LINES = ['accept', 'content-md5', 'content-type', 'date'] as const;

export function stringToSign(req: SignableRequest): string {
  let s = `${req.method.toUpperCase()}\n`;
  for (const name of PLAIN_LINES) {
    const v = req.headers[name];
    if (v !== undefined) s += `${v}\n`;
  }
  for (const name of signedHeaderNames(req.headers)) s += `${name}:${req.headers[name] ?? ''}\n`;
  s += req.path;
  const keys = Object.keys(req.query ?? {}).filter((k) => k !== '').sort();
  if (keys.length > 0) s += `?${keys.map((k) => (req.query![k] ? `${k}=${req.query![k]}` : k)).join('&')}`;
  return s;
}

/** The x-ca-* headers that are signed: all of them but the signature and its list. */
export function signedHeaderNames(headers: Record<string, string>): string[] {
  return Object.keys(headers)
    .filter((n) => n.startsWith('x-ca-') && n !== 'x-ca-signature' && n !== 'x-ca-signature-headers')
    .sort();
}

export function signature(secret: string, req: SignableRequest): string {
  return createHmac('sha256', secret).update(stringToSign(req), 'utf8').digest('base64');
}

/** The headers of one signed JSON POST (Accept and Content-Type set explicitly: both are signed). */
export function signedJsonHeaders(appKey: string, appSecret: string, path: string, now = Date.now()): Record<string, string> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/json;charset=UTF-8',
    'x-ca-key': appKey,
    'x-ca-nonce': randomUUID(),
    'x-ca-timestamp': String(now),
  };
  headers['x-ca-signature-headers'] = signedHeaderNames(headers).join(',');
  headers['x-ca-signature'] = signature(appSecret, { method: 'POST', headers, path });
  return headers;
}
