import { describe, expect, it } from 'vitest';
import { eventText, hostIpcUrl, invokeText, pageTokenOf, readClientText, readHostText, resultText, sessionText } from './host.js';

describe('host wire: what one side writes, the other reads with the same meaning', () => {
  it('round-trips invokes, results, events and the session message', () => {
    expect(readClientText(invokeText(3, 'sw:app:getInfo', { a: 1 }))).toEqual({ kind: 'invoke', id: 3, channel: 'sw:app:getInfo', payload: { a: 1 } });
    expect(readHostText(resultText(3, { ok: true, value: 5 }))).toEqual({ type: 'result', id: 3, result: { ok: true, value: 5 } });
    const failed = { ok: false as const, error: { code: 'bad_payload', message: 'm', params: { path: 'port' } } };
    expect(readHostText(resultText(4, failed))).toEqual({ type: 'result', id: 4, result: failed });
    expect(readHostText(eventText('sw:walls:onDidChange', []))).toEqual({ type: 'event', channel: 'sw:walls:onDidChange', payload: [] });
    const credential = 'c'.repeat(32);
    expect(readHostText(sessionText(credential))).toEqual({ type: 'session', credential });
  });

  it('D16: an invoke with an id is answerable whatever its channel; without a usable id it is ignored', () => {
    expect(readClientText(JSON.stringify({ type: 'invoke', id: 1, channel: 'x'.repeat(500) }))).toMatchObject({ kind: 'invoke', id: 1 });
    expect(readClientText(JSON.stringify({ type: 'invoke', id: 2 }))).toEqual({ kind: 'invoke', id: 2, channel: undefined, payload: undefined });
    for (const text of ['not json', 'null', '[]', '{"type":"invoke"}', '{"type":"invoke","id":-1}', '{"type":"invoke","id":1.5}', '{"type":"result","id":1}']) {
      expect(readClientText(text), text).toEqual({ kind: 'ignore' });
    }
  });

  it('reads nothing that is not a host message, without throwing', () => {
    for (const text of ['', '{', '{"type":"result","id":1}', '{"type":"session","credential":"short"}', '{"type":"other"}']) expect(readHostText(text), text).toBeUndefined();
  });

  it('builds the socket URL and reads the page token from the fragment', () => {
    expect(hostIpcUrl('127.0.0.1:9', { token: 'a+b' })).toBe('ws://127.0.0.1:9/ipc?token=a%2Bb');
    expect(hostIpcUrl('127.0.0.1:9', { session: 's' })).toBe('ws://127.0.0.1:9/ipc?session=s');
    expect(pageTokenOf('#token=abc')).toBe('abc');
    expect(pageTokenOf('')).toBeUndefined();
  });
});
