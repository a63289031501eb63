import { describe, expect, it } from 'vitest';
import { isSkywallError } from '../../common/model/errors.js';
import { AuthLockout } from './auth-lockout.js';

describe('AuthLockout', () => {
  it('locks after two consecutive rejected logins, per credentials', async () => {
    const g = new AuthLockout();
    const wrong = AuthLockout.key('10.0.0.5', 554, 'admin', 'wrong');
    const right = AuthLockout.key('10.0.0.5', 554, 'admin', 'right');
    g.noteRejected(wrong, false); // the challenge: not a failed login
    g.noteRejected(wrong, true); // first rejected login
    expect(g.isLocked(wrong)).toBe(false);
    g.noteRejected(wrong, false);
    g.noteRejected(wrong, true); // second rejected login
    expect(g.isLocked(wrong)).toBe(true);
    await expect(g.acquire(wrong, '10.0.0.5')).rejects.toSatisfy((e) => isSkywallError(e) && e.code === 'auth_locked');
    expect(g.isLocked(right)).toBe(false); // changed credentials are a new key
    expect(g.isLocked(AuthLockout.key('10.0.0.5', 8554, 'admin', 'wrong'))).toBe(false); // so is another port
    g.reset(wrong);
    expect(g.isLocked(wrong)).toBe(false);
  });

  it('never counts the challenge; a success resets the count', () => {
    const g = new AuthLockout();
    const k = AuthLockout.key('cam', 554, 'u', 'p');
    for (let i = 0; i < 5; i++) g.noteRejected(k, false);
    expect(g.failures(k)).toBe(0);
    g.noteRejected(k, true);
    g.noteAccepted(k);
    expect(g.failures(k)).toBe(0);
    g.noteRejected(k, true); // password changed on the device
    expect(g.isLocked(k)).toBe(false);
    g.noteRejected(k, true);
    expect(g.isLocked(k)).toBe(true);
  });

  it('never keeps the password itself in the key', () => {
    const k = AuthLockout.key('Cam.Local', 554, 'admin', 'hunter2');
    expect(k).not.toContain('hunter2');
    expect(k).toBe(AuthLockout.key('cam.local', 554, 'admin', 'hunter2'));
  });

  it('lets one attempt with unverified credentials run at a time; verified ones go in parallel', async () => {
    const g = new AuthLockout();
    const k = AuthLockout.key('h', 554, 'u', 'p');
    const order: string[] = [];
    const release1 = await g.acquire(k, 'h');
    const second = g.acquire(k, 'h').then((release) => {
      order.push('second');
      return release;
    });
    await new Promise((r) => setTimeout(r, 20));
    order.push('first done');
    g.noteAccepted(k);
    release1();
    (await second)();
    expect(order).toEqual(['first done', 'second']);
    const [a, b] = await Promise.all([g.acquire(k, 'h'), g.acquire(k, 'h')]); // verified: no waiting
    a();
    b();
  });
});
