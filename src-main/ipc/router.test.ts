import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, type ChannelName } from '../common/contract/index.js';
import { SkywallError } from '../common/model/errors.js';
import { createRouter, type Handlers } from './router.js';
import { isTrustedSender, type SenderInfo } from './sender.js';

const appWindow: SenderInfo = { transport: 'electron', frameUrl: 'app://skywall/index.html', isMainFrame: true, isAppWindow: true, displayKey: '1' };
const hostOrigin = 'http://127.0.0.1:4000';
const hostClient: SenderInfo = { transport: 'host', authenticated: true, origin: hostOrigin, displayKey: 'host' };

function handlersThatRecord(calls: string[]): Handlers {
  return Object.fromEntries(
    CHANNEL_NAMES.map((c) => [
      c,
      () => {
        calls.push(c);
        throw new SkywallError('internal', 'should not be reached');
      },
    ]),
  ) as unknown as Handlers;
}

const malformed: unknown[] = [42, 'x', [], { unexpected: true, port: 'x' }, { id: { nested: 1 } }];

describe('router', () => {
  const trust = (s: SenderInfo) => isTrustedSender(s, hostOrigin);

  it('rejects malformed payloads on every channel with a typed error before any service runs', async () => {
    const calls: string[] = [];
    const router = createRouter(handlersThatRecord(calls), { isTrusted: trust });
    for (const channel of CHANNEL_NAMES) {
      for (const payload of malformed) {
        const r = await router.handle(channel, payload, appWindow);
        expect(r.ok, `${channel} accepted ${JSON.stringify(payload)}`).toBe(false);
        if (!r.ok) expect(r.error.code).toBe('bad_payload');
      }
    }
    expect(calls).toEqual([]);
  });

  it('refuses senders that are not app windows or main frames', async () => {
    const calls: string[] = [];
    const router = createRouter(handlersThatRecord(calls), { isTrusted: trust });
    const strangers: SenderInfo[] = [
      { ...appWindow, isAppWindow: false },
      { ...appWindow, isMainFrame: false },
      { ...appWindow, frameUrl: 'https://evil.example/index.html' },
      { ...hostClient, origin: 'http://127.0.0.1:9999' },
      { ...hostClient, authenticated: false },
    ];
    for (const s of strangers) {
      const r = await router.handle('sw:app:getInfo', {}, s);
      expect(r).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    }
    expect(calls).toEqual([]);
  });

  it('answers unknown channels with a typed error', async () => {
    const router = createRouter(handlersThatRecord([]), { isTrusted: trust });
    for (const name of ['sw:app:nope', 'evil', 42, undefined, 'toString', '__proto__']) {
      expect(await router.handle(name, {}, appWindow)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
  });

  it('passes service errors through typed and hides unexpected ones', async () => {
    const onInternalError = vi.fn();
    const handlers = handlersThatRecord([]);
    handlers['sw:devices:remove'] = () => {
      throw new SkywallError('not_found', 'no such device', { id: 'd1' });
    };
    handlers['sw:app:getInfo'] = () => {
      throw new TypeError('boom with secret hunter2');
    };
    const router = createRouter(handlers, { isTrusted: trust, onInternalError });
    expect(await router.handle('sw:devices:remove', { id: 'd1' }, hostClient)).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'no such device', params: { id: 'd1' } },
    });
    const r = await router.handle('sw:app:getInfo', {}, hostClient);
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(r)).not.toContain('hunter2');
    expect(onInternalError).toHaveBeenCalledOnce();
  });

  it('strips keys the contract does not know from responses (no password leaks)', async () => {
    const handlers = handlersThatRecord([]);
    const channel: ChannelName = 'sw:devices:list';
    handlers[channel] = () =>
      [{ id: 'd1', name: 'NVR', kind: 'rtsp', host: '10.0.0.2', port: 554, hasPassword: true, demo: false, cameras: [], password: 'hunter2' }] as never;
    const router = createRouter(handlers, { isTrusted: trust });
    const r = await router.handle(channel, {}, appWindow);
    expect(r.ok).toBe(true);
    expect(JSON.stringify(r)).not.toContain('hunter2');
  });
});
