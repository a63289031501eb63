import { beforeEach, describe, expect, it } from 'vitest';
import { clearRegisteredSecrets, redactSecrets, redactValue, registerSecret } from './redact.js';

beforeEach(() => clearRegisteredSecrets());

describe('redactSecrets patterns', () => {
  it.each([
    ['rtsp://admin:Hik12345@192.168.1.64:554/Streaming/Channels/101', 'rtsp://admin:***@192.168.1.64:554/Streaming/Channels/101'],
    ['connect failed: rtsps://op:p@ss@cam.local/live (timeout)', 'connect failed: rtsps://op:***@cam.local/live (timeout)'],
    ['GET http://nvr/api/login?user=admin&password=12345&x=1', 'GET http://nvr/api/login?user=admin&password=***&x=1'],
    ['ws://gw/stream?token=eyJhbGciOi.abc.def', 'ws://gw/stream?token=***'],
    ['https://p/x?a=1&access_token=zz#frag', 'https://p/x?a=1&access_token=***#frag'],
    ['open http://127.0.0.1:5173/#token=Qk3v9xY', 'open http://127.0.0.1:5173/#token=***'],
    ['Authorization: Basic YWRtaW46MTIzNDU=', 'Authorization: Basic ***'],
    ['authorization: Digest username="admin", realm="IPC", response="6629fae49393a05397450978507c4ef1"\r\nCSeq: 3', 'authorization: Digest ***\r\nCSeq: 3'],
    ['{"name":"Gate","password":"pa\\"ss","host":"h"}', '{"name":"Gate","password":"***","host":"h"}'],
    ['{"headers":{"Authorization":"Bearer abc.def"}}', '{"headers":{"Authorization":"***"}}'],
  ])('%s', (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it('leaves text without credentials alone', () => {
    const text = 'rtsp://10.0.0.8:8554/yard?channel=1&subtype=0 passive=1 user admin@site authorization failed';
    expect(redactSecrets(text)).toBe(text);
  });
});

describe('registered secrets', () => {
  it('masks a known value anywhere, also URL- and JSON-encoded', () => {
    registerSecret('p@ss "w0rd"');
    const line = `login p@ss "w0rd" / ${encodeURIComponent('p@ss "w0rd"')} / ${JSON.stringify({ v: 'p@ss "w0rd"' })}`;
    const out = redactSecrets(line);
    expect(out).not.toContain('w0rd');
    expect(out).toBe('login *** / *** / {"v":"***"}');
  });

  it('ignores values too short to mask safely', () => {
    registerSecret('123');
    expect(redactSecrets('channel 123')).toBe('channel 123');
  });

  it('redactValue masks nested strings and password-named keys', () => {
    registerSecret('known-secret');
    expect(redactValue({ a: ['x known-secret y', 1], password: 'abc', nested: { url: 'rtsp://u:pw@h/' } })).toEqual({
      a: ['x *** y', 1],
      password: '***',
      nested: { url: 'rtsp://u:***@h/' },
    });
  });
});
