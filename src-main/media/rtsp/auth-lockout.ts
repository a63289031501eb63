// Guards cameras against login lockout (Hikvision locks the client IP after ~5-7 failed logins).
// Counts consecutive rejected logins (401 to a request that carried credentials) per (host,
// username, password hash). At `maxFailures` (2) the key is locked: attempts fail with
// auth_locked without touching the network until the credentials change (a different key) or
// the caller resets it; a successful login resets the count. The challenge to a request without
// credentials is the normal first step of every login and is not a failure.
// Logins with credentials never verified are also serialized per (host, port, credentials):
// 16 tiles opening the same NVR with a wrong password cost the device two failed logins, not 16.
// The gate covers only the request that carries the credentials (after the device's challenge),
// so a camera that never answers, or needs no login, holds nobody up; a hung login holds its
// gate until that request's timeout.
import { createHash } from 'node:crypto';
import { SkywallError } from '../../common/model/errors.js';

interface Entry {
  failures: number;
  verified: boolean;
  /** Tail of the queue of attempts waiting for an unverified key. */
  gate?: Promise<void>;
}

export class AuthLockout {
  private readonly entries = new Map<string, Entry>();

  constructor(readonly maxFailures = 2) {}

  /** Map key; the password only enters as a SHA-256 hash. */
  static key(host: string, port: number, username: string | undefined, password: string | undefined): string {
    const hash = createHash('sha256').update(password ?? '').digest('hex');
    return `${host.toLowerCase()}\u0000${port}\u0000${username ?? ''}\u0000${hash}`;
  }

  isLocked(key: string): boolean {
    return (this.entries.get(key)?.failures ?? 0) >= this.maxFailures;
  }

  /** Throws SkywallError auth_locked if the key is locked. */
  check(key: string, host: string): void {
    if (this.isLocked(key)) {
      throw new SkywallError('auth_locked', `Login to ${host} refused earlier with these credentials; not retrying until the credentials change or the lock is reset`, { host });
    }
  }

  /**
   * Waits until no other login with the same unverified credentials is in flight, then checks
   * the lock. Returns the release function to call once the login's answer (or timeout) is in.
   */
  async acquire(key: string, host: string): Promise<() => void> {
    this.check(key, host);
    const entry = this.entry(key);
    if (entry.verified) return () => undefined;
    const previous = entry.gate ?? Promise.resolve();
    let open!: () => void;
    const mine = new Promise<void>((resolve) => (open = resolve));
    const tail = previous.then(() => mine);
    entry.gate = tail;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      open();
      if (entry.gate === tail) entry.gate = undefined;
    };
    await previous;
    try {
      this.check(key, host);
    } catch (e) {
      release();
      throw e;
    }
    return release;
  }

  /** A 401 arrived for this key; `withCredentials` if the rejected request carried them. */
  noteRejected(key: string, withCredentials: boolean): void {
    if (!withCredentials) return;
    const e = this.entry(key);
    e.failures++;
    e.verified = false;
  }

  /** A request with these credentials was accepted. */
  noteAccepted(key: string): void {
    const e = this.entry(key);
    e.failures = 0;
    e.verified = true;
  }

  failures(key: string): number {
    return this.entries.get(key)?.failures ?? 0;
  }

  /** Unlocks one key, or every key (e.g. after the operator edits a device). */
  reset(key?: string): void {
    if (key === undefined) {
      for (const e of this.entries.values()) e.failures = 0;
    } else {
      const e = this.entries.get(key);
      if (e) e.failures = 0;
    }
  }

  private entry(key: string): Entry {
    let e = this.entries.get(key);
    if (!e) {
      e = { failures: 0, verified: false };
      this.entries.set(key, e);
    }
    return e;
  }
}

/** The process-wide guard RtspSession uses unless given another. */
export const sharedAuthLockout = new AuthLockout();
