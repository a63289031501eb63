// Keeps one logged-in session with a platform: logs in on first use, shares one login among
// concurrent callers, logs in again without the operator when a call says the token expired
// (once per call), and never storms: failed logins back off (1 s, 2 s, 4 s ... 60 s), and
// credentials the platform refused are not tried again until they change (a platform, like a
// camera, may lock an account after a few wrong logins).
import { SkywallError } from '../../common/model/errors.js';

export interface SessionClock {
  now(): number;
}

export interface PlatformSessionOptions<T> {
  /** Logs in; rejects SkywallError `auth_failed` for refused credentials. */
  login(): Promise<T>;
  /** Identifies the credentials: a change lifts an auth refusal and drops the session. */
  identity(): string;
  backoffStartMs?: number;
  backoffMaxMs?: number;
  clock?: SessionClock;
}

/** Thrown by a call whose token the platform no longer accepts (HTTP 401, WVP code 401). */
export class SessionExpired extends Error {
  override name = 'SessionExpired';
}

export class PlatformSession<T> {
  private token: T | undefined;
  private pending: Promise<T> | undefined;
  private refusedFor: string | undefined;
  private refusal: SkywallError | undefined;
  private failures = 0;
  private notBefore = 0;
  private loginsMade = 0;
  private currentIdentity: string | undefined;
  private readonly clock: SessionClock;

  constructor(private readonly opts: PlatformSessionOptions<T>) {
    this.clock = opts.clock ?? { now: Date.now };
  }

  /** Logins sent so far (tests and the health view). */
  get logins(): number {
    return this.loginsMade;
  }

  /** Runs `call` with a valid token; on SessionExpired logs in again once and repeats the call. */
  async run<R>(call: (token: T) => Promise<R>): Promise<R> {
    const token = await this.current();
    try {
      return await call(token);
    } catch (e) {
      if (!(e instanceof SessionExpired)) throw e;
      if (this.token === token) this.token = undefined; // another caller may have renewed it already
      const fresh = await this.current();
      try {
        return await call(fresh);
      } catch (again) {
        if (again instanceof SessionExpired) throw new SkywallError('auth_failed', 'the platform refused a token it had just issued', { reason: 'session' });
        throw again;
      }
    }
  }

  /** Forgets the token (the platform was edited or removed). */
  reset(): void {
    this.token = undefined;
    this.failures = 0;
    this.notBefore = 0;
  }

  private current(): Promise<T> {
    const identity = this.opts.identity();
    if (identity !== this.currentIdentity) {
      this.currentIdentity = identity;
      this.token = undefined;
      this.reset();
    }
    if (this.token !== undefined) return Promise.resolve(this.token);
    if (this.refusedFor === identity && this.refusal) return Promise.reject(this.refusal);
    this.pending ??= this.login(identity).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async login(identity: string): Promise<T> {
    const wait = this.notBefore - this.clock.now();
    if (wait > 0) throw new SkywallError('unreachable', `platform login paused for ${Math.ceil(wait / 1000)} s after ${this.failures} failed attempt(s)`, { retryInMs: wait });
    this.loginsMade++;
    try {
      const token = await this.opts.login();
      this.token = token;
      this.failures = 0;
      this.notBefore = 0;
      return token;
    } catch (e) {
      if (e instanceof SkywallError && e.code === 'auth_failed' && e.params?.reason !== 'certificate') {
        this.refusedFor = identity;
        this.refusal = e;
        throw e;
      }
      this.failures++;
      const start = this.opts.backoffStartMs ?? 1000;
      const max = this.opts.backoffMaxMs ?? 60_000;
      this.notBefore = this.clock.now() + Math.min(max, start * 2 ** (this.failures - 1));
      throw e;
    }
  }
}
