// One-time stream tokens: random, bound to one stream id, valid once, and only for a short
// time if unused. Only the gateway process holds them; they never appear in logs.
import { randomBytes } from 'node:crypto';

export type LiveFormat = 'fmp4' | 'flv';

export interface TokenGrant {
  streamId: string;
  /** Hub source key (camera + profile). */
  key: string;
  format: LiveFormat;
  /** FLV only: carry AAC audio. */
  audio: boolean;
}

interface Entry<G> {
  grant: G;
  expiresAt: number;
}

export type RedeemResult<G = TokenGrant> = { ok: true; grant: G } | { ok: false; reason: 'unknown' | 'expired' | 'wrong_stream' };

/** Generic over what a token grants (the media relay stores upstream URLs the same way). */
export class TokenStore<G extends { streamId: string } = TokenGrant> {
  private readonly entries = new Map<string, Entry<G>>();
  private expiredCount = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  issue(grant: G): string {
    this.purge();
    const token = randomBytes(24).toString('base64url');
    this.entries.set(token, { grant: { ...grant }, expiresAt: this.now() + this.ttlMs });
    return token;
  }

  /** Uses up the token whatever the outcome, so a guessed or replayed token never works twice. */
  redeem(token: string, streamId: string): RedeemResult<G> {
    const e = this.entries.get(token);
    if (!e) return { ok: false, reason: 'unknown' };
    this.entries.delete(token);
    if (e.expiresAt <= this.now()) {
      this.expiredCount++;
      return { ok: false, reason: 'expired' };
    }
    if (e.grant.streamId !== streamId) return { ok: false, reason: 'wrong_stream' };
    return { ok: true, grant: e.grant };
  }

  /** Forgets every unused token of a stream (the stream was closed). */
  revokeStream(streamId: string): void {
    for (const [t, e] of this.entries) if (e.grant.streamId === streamId) this.entries.delete(t);
  }

  get pending(): number {
    return this.entries.size;
  }

  get expired(): number {
    return this.expiredCount;
  }

  private purge(): void {
    const t = this.now();
    for (const [token, e] of this.entries) {
      if (e.expiresAt <= t) {
        this.entries.delete(token);
        this.expiredCount++;
      }
    }
  }
}
