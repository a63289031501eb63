import { describe, expect, it } from 'vitest';
import { newSecret, sameSecret, TokenStore } from './token-store.js';
import { APP_PAGE_ORIGINS, originAllowed } from './origin-policy.js';

describe('TokenStore', () => {
  it('redeems a token once, within its time, for its own scope only', () => {
    let now = 1000;
    const store = new TokenStore<{ streamId: string }>({ ttlMs: 50, scopeOf: (g) => g.streamId, now: () => now });
    const a = store.issue({ streamId: 's1' });
    expect(store.redeem(a, 's1')).toEqual({ ok: true, grant: { streamId: 's1' } });
    expect(store.redeem(a, 's1')).toEqual({ ok: false, reason: 'unknown' });

    const b = store.issue({ streamId: 's1' });
    expect(store.redeem(b, 's2')).toEqual({ ok: false, reason: 'wrong_scope' });
    expect(store.redeem(b, 's1')).toEqual({ ok: false, reason: 'unknown' }); // a misdirected try used it up

    const c = store.issue({ streamId: 's1' });
    now += 50;
    expect(store.redeem(c, 's1')).toEqual({ ok: false, reason: 'expired' });
    expect(store.expired).toBe(1);
  });

  it('forgets unused tokens of a revoked scope and expired ones on the next issue', () => {
    let now = 0;
    const store = new TokenStore<{ streamId: string }>({ ttlMs: 10, scopeOf: (g) => g.streamId, now: () => now });
    const a = store.issue({ streamId: 's1' });
    store.issue({ streamId: 's2' });
    store.revokeScope('s1');
    expect(store.redeem(a, 's1').ok).toBe(false);
    now = 100;
    store.issue({ streamId: 's3' });
    expect(store.pending).toBe(1);
  });

  it('holds digests, not the tokens it issued', () => {
    const store = new TokenStore<string>({ ttlMs: 1000 });
    const token = store.issue('grant');
    expect(JSON.stringify([...(store as unknown as { entries: Map<string, unknown> }).entries.keys()])).not.toContain(token);
  });
});

describe('secrets and origins', () => {
  it('compares secrets of any length without throwing', () => {
    const s = newSecret();
    expect(s).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(sameSecret(s, s)).toBe(true);
    expect(sameSecret(s, s.slice(1))).toBe(false);
    expect(sameSecret('', s)).toBe(false);
  });

  it('allows the app pages, refuses others, and a missing Origin only when allowed', () => {
    expect(originAllowed('app://skywall', APP_PAGE_ORIGINS)).toBe(true);
    expect(originAllowed('http://127.0.0.1:5173', APP_PAGE_ORIGINS)).toBe(true);
    expect(originAllowed('https://evil.example', APP_PAGE_ORIGINS)).toBe(false);
    expect(originAllowed('http://127.0.0.1.evil.example', APP_PAGE_ORIGINS)).toBe(false);
    expect(originAllowed(undefined, APP_PAGE_ORIGINS)).toBe(true);
    expect(originAllowed(undefined, ['http://127.0.0.1:1'], { allowMissing: false })).toBe(false);
  });
});
