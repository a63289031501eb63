// Sends RTSP requests with authentication: answers a 401 challenge once with the caller's
// credentials (Digest preferred, Basic if that is all the server offers), keeps the
// Authorization for later requests, and reports every outcome to the lockout guard.
import { SkywallError } from '../../common/model/errors.js';
import type { AuthLockout } from './auth-lockout.js';
import { Authenticator, pickChallenge } from './digest-auth.js';
import type { RtspConnection } from './rtsp-connection.js';
import type { RtspResponse } from './rtsp-message.js';
import { redactUrl } from './rtsp-url.js';

export interface Credentials {
  username?: string;
  password?: string;
}

type Headers = ReadonlyArray<readonly [string, string]>;

export class RtspRequester {
  private auth: Authenticator | undefined;
  private lastNonce: string | undefined;
  private loggedIn = false;

  constructor(
    private readonly conn: RtspConnection,
    private readonly credentials: Credentials,
    private readonly lockout: AuthLockout,
    private readonly lockoutKey: string,
  ) {}

  async send(method: string, url: string, headers: Headers, timeoutMs: number): Promise<RtspResponse> {
    const withCredentials = this.auth !== undefined;
    const first = await this.conn.request(method, url, this.withAuthorization(method, url, headers), timeoutMs);
    if (first.status !== 401) return withCredentials ? this.accepted(first) : first;

    this.lockout.noteRejected(this.lockoutKey, withCredentials);
    const where = `${method} ${redactUrl(url)}`;
    const params = { method, url: redactUrl(url), status: 401 };
    const challenge = pickChallenge(first.headers.getAll('www-authenticate'));
    if (!challenge) throw new SkywallError('auth_failed', `${where}: 401 without a supported authentication scheme (Digest or Basic)`, params);
    if (this.credentials.username === undefined) {
      throw new SkywallError('auth_failed', `${where}: the device requires a user name and password`, { ...params, reason: 'credentials_required' });
    }
    // Retry rejected credentials only for a stale nonce, or a new nonce after a login that
    // worked in this session (nonce expiry); anything else would be another failed login.
    const newNonceAfterLogin = this.loggedIn && challenge.nonce !== undefined && challenge.nonce !== this.lastNonce;
    if (withCredentials && !challenge.stale && !newNonceAfterLogin) {
      throw new SkywallError('auth_failed', `${where}: the device rejected the user name or password`, params);
    }
    this.auth = new Authenticator(challenge, this.credentials.username, this.credentials.password ?? '');
    this.lastNonce = challenge.nonce;
    // The first login with these credentials: one at a time per device (see auth-lockout.ts).
    const release = this.loggedIn ? () => undefined : await this.lockout.acquire(this.lockoutKey, this.conn.host);
    try {
      const second = await this.conn.request(method, url, this.withAuthorization(method, url, headers), timeoutMs);
      if (second.status === 401) {
        this.lockout.noteRejected(this.lockoutKey, true);
        throw new SkywallError('auth_failed', `${where}: the device rejected the user name or password`, params);
      }
      return this.accepted(second);
    } finally {
      release();
    }
  }

  /** Credentials we sent were accepted (any answer but 401). */
  private accepted(res: RtspResponse): RtspResponse {
    if (!this.loggedIn) {
      this.loggedIn = true;
      this.lockout.noteAccepted(this.lockoutKey);
    }
    return res;
  }

  private withAuthorization(method: string, url: string, headers: Headers): Headers {
    return this.auth ? [...headers, ['Authorization', this.auth.header(method, url)]] : headers;
  }
}
