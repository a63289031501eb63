// Single-use tokens for loopback servers: random, valid once, and only for a short time if
// unused. The store keeps SHA-256 digests, not tokens, so a lookup's timing says nothing about
// how close a guess came, and a heap dump holds no usable token.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export type RedeemFailure = 'unknown' | 'expired' | 'wrong_scope';
export type RedeemResult<G> = { ok: true; grant: G } | { ok: false; reason: RedeemFailure };

export interface TokenStoreOptions<G> {
  /** An unused token expires after this long. */
  ttlMs: number;
  /** What a token is bound to (a stream id, say); redeem() can demand it. */
  scopeOf?: (grant: G) => string;
  now?: () => number;
}

interface Entry<G> {
  grant: G;
  expiresAt: number;
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** A new random secret, 192 bits, URL-safe. */
export function newSecret(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time equality of two secrets of any length (digests are compared, not the strings). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

export class TokenStore<G> {
  private readonly entries = new Map<string, Entry<G>>();
  private readonly now: () => number;
  private expiredCount = 0;

  constructor(private readonly options: TokenStoreOptions<G>) {
    this.now = options.now ?? Date.now;
  }

  issue(grant: G): string {
    this.purge();
    const token = newSecret();
    this.entries.set(digest(token), { grant, expiresAt: this.now() + this.options.ttlMs });
    return token;
  }

  /** Uses up the token whatever the outcome, so a guessed or replayed token never works twice. */
  redeem(token: string, scope?: string): RedeemResult<G> {
    const key = digest(token);
    const e = this.entries.get(key);
    if (!e) return { ok: false, reason: 'unknown' };
    this.entries.delete(key);
    if (e.expiresAt <= this.now()) {
      this.expiredCount++;
      return { ok: false, reason: 'expired' };
    }
    if (scope !== undefined && this.options.scopeOf?.(e.grant) !== scope) return { ok: false, reason: 'wrong_scope' };
    return { ok: true, grant: e.grant };
  }

  /** Forgets every unused token bound to a scope (its stream was closed, say). */
  revokeScope(scope: string): void {
    for (const [k, e] of this.entries) if (this.options.scopeOf?.(e.grant) === scope) this.entries.delete(k);
  }

  get pending(): number {
    return this.entries.size;
  }

  get expired(): number {
    return this.expiredCount;
  }

  private purge(): void {
    const t = this.now();
    for (const [k, e] of this.entries) {
      if (e.expiresAt <= t) {
        this.entries.delete(k);
        this.expiredCount++;
      }
    }
  }
}
