// Decides whether a SOAP request is authorised, following ONVIF Core 5.9: a rejected
// WS-UsernameToken gives HTTP 400 with ter:NotAuthorized; HTTP Digest asks with 401 and a
// WWW-Authenticate challenge, and answers 401 again when the digest is wrong.

import type { DigestAuthority } from './http-digest.js';
import type { OnvifStubAuth } from './stub-options.js';
import { verifyUsernameToken, type NonceMemory } from './wsse-verify.js';
import type { XmlElement } from './xml-reader.js';

export type AuthScheme = 'wsse' | 'digest' | 'none';

export type AuthDecision =
  | { kind: 'ok'; scheme: AuthScheme }
  /** no credentials at all: ask for them */
  | { kind: 'challenge'; httpStatus: 400 | 401; digestChallenge?: string }
  /** credentials were given and are wrong */
  | { kind: 'denied'; scheme: AuthScheme; reason: string; httpStatus: 400 | 401; digestChallenge?: string };

export interface AuthInput {
  mode: OnvifStubAuth;
  envelope: XmlElement;
  authorization: string | undefined;
  method: string;
  url: string;
  username: string;
  password: string;
  deviceNowMs: number;
  wsseToleranceMs: number;
  nonces: NonceMemory;
  digest: DigestAuthority;
}

export function decideAuth(i: AuthInput): AuthDecision {
  if (i.mode === 'none') return { kind: 'ok', scheme: 'none' };
  const useWsse = i.mode === 'wsse' || i.mode === 'either';
  const useDigest = i.mode === 'digest' || i.mode === 'either';

  const wsse = useWsse
    ? verifyUsernameToken(i.envelope, {
        username: i.username,
        password: i.password,
        deviceNowMs: i.deviceNowMs,
        toleranceMs: i.wsseToleranceMs,
        nonces: i.nonces,
      })
    : ({ kind: 'absent' } as const);
  if (wsse.kind === 'ok') return { kind: 'ok', scheme: 'wsse' };

  const digest = useDigest ? i.digest.verify(i.authorization, i.method, i.url, i.username, i.password) : ({ kind: 'absent' } as const);
  if (digest.kind === 'ok') return { kind: 'ok', scheme: 'digest' };

  if (digest.kind === 'denied') {
    // A right password on an old nonce is not a failed login: ask again with stale=true.
    if (digest.reason === 'stale_nonce') return { kind: 'challenge', httpStatus: 401, digestChallenge: i.digest.challenge(true) };
    return { kind: 'denied', scheme: 'digest', reason: digest.reason, httpStatus: 401, digestChallenge: i.digest.challenge() };
  }
  if (wsse.kind === 'denied') return { kind: 'denied', scheme: 'wsse', reason: wsse.reason, httpStatus: 400 };
  // Nothing usable was sent.
  return useDigest ? { kind: 'challenge', httpStatus: 401, digestChallenge: i.digest.challenge() } : { kind: 'challenge', httpStatus: 400 };
}
