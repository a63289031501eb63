import { describe, expect, it } from 'vitest';
import { DEFAULT_PORTS, parseStreamUrl, safeDecode, streamTransportOf, transportOfUrl, type StreamUrlResult } from './stream-url.js';

function value(r: StreamUrlResult) {
  if (!r.ok) throw new Error(`expected a URL, got ${r.problem}`);
  return r.value;
}

describe('parseStreamUrl', () => {
  it('splits user, percent-decoded password, host and default port', () => {
    expect(value(parseStreamUrl('rtsp://admin:p%40ss%3Aw@cam.local/live?ch=1'))).toEqual({
      url: 'rtsp://cam.local/live?ch=1',
      scheme: 'rtsp',
      host: 'cam.local',
      port: 554,
      path: '/live?ch=1',
      username: 'admin',
      password: 'p@ss:w',
    });
  });

  it('takes the last @ before the query as the delimiter when a password has a raw @ or /', () => {
    expect(value(parseStreamUrl('rtsp://op:g@te!@10.0.0.7:8554/x'))).toMatchObject({ url: 'rtsp://10.0.0.7:8554/x', port: 8554, password: 'g@te!' });
    expect(value(parseStreamUrl('rtsp://op:a/b@10.0.0.7/x?u=a@b'))).toMatchObject({ url: 'rtsp://10.0.0.7/x?u=a@b', host: '10.0.0.7', password: 'a/b' });
  });

  it('handles IPv6, rtsps, upper-case schemes, no path and no credentials', () => {
    expect(value(parseStreamUrl('rtsps://u:pw@[fe80::1]/s'))).toMatchObject({ host: 'fe80::1', port: 322, url: 'rtsps://[fe80::1]/s' });
    expect(value(parseStreamUrl('  RTSP://10.0.0.8/yard '))).toEqual({ url: 'rtsp://10.0.0.8/yard', scheme: 'rtsp', host: '10.0.0.8', port: 554, path: '/yard' });
    expect(value(parseStreamUrl('http://h.example:8080'))).toMatchObject({ url: 'http://h.example:8080', port: 8080, path: '/' });
    expect(value(parseStreamUrl('rtsp://admin@h/x'))).toMatchObject({ username: 'admin', url: 'rtsp://h/x' });
    expect(value(parseStreamUrl('rtsp://admin@h/x')).password).toBeUndefined();
  });

  it('has a default port for every scheme it accepts', () => {
    expect(DEFAULT_PORTS).toEqual({ rtsp: 554, rtsps: 322, http: 80, https: 443, ws: 80, wss: 443 });
    for (const [scheme, port] of Object.entries(DEFAULT_PORTS)) expect(value(parseStreamUrl(`${scheme}://h/p`)).port).toBe(port);
  });

  it('names what is wrong instead of throwing', () => {
    expect(parseStreamUrl('not a url')).toEqual({ ok: false, problem: 'not_a_url' });
    expect(parseStreamUrl('10.0.0.1')).toEqual({ ok: false, problem: 'not_a_url' });
    expect(parseStreamUrl('ftp://h/x')).toEqual({ ok: false, problem: 'unsupported_scheme' });
    expect(parseStreamUrl('rtsp:///nohost')).toEqual({ ok: false, problem: 'no_host' });
    expect(parseStreamUrl('rtsp://u:p@/x')).toEqual({ ok: false, problem: 'no_host' });
    expect(parseStreamUrl('rtsp://ho st/x')).toEqual({ ok: false, problem: 'bad_character' });
    expect(parseStreamUrl('rtsp://h/x\u0000y')).toEqual({ ok: false, problem: 'bad_character' });
    expect(parseStreamUrl('rtsp://h<1>/x')).toEqual({ ok: false, problem: 'bad_host' });
    expect(parseStreamUrl('rtsp://[zz::1]/x')).toEqual({ ok: false, problem: 'bad_host' });
    expect(parseStreamUrl('rtsp://h:0/x')).toEqual({ ok: false, problem: 'bad_port' });
    expect(parseStreamUrl('rtsp://h:65536/x')).toEqual({ ok: false, problem: 'bad_port' });
    expect(parseStreamUrl('rtsp://h:80a/x')).toEqual({ ok: false, problem: 'bad_port' });
  });

  it('a stray or bad % in the user name or password is a typed problem, never an exception', () => {
    expect(parseStreamUrl('rtsp://admin:100%@10.0.0.9/live')).toEqual({ ok: false, problem: 'bad_escape', part: 'password' });
    expect(parseStreamUrl('rtsp://admin:%E0%A4%A@10.0.0.9/live')).toEqual({ ok: false, problem: 'bad_escape', part: 'password' });
    expect(parseStreamUrl('rtsp://ad%zzmin:x@10.0.0.9/live')).toEqual({ ok: false, problem: 'bad_escape', part: 'username' });
    expect(parseStreamUrl('rtsp://%@10.0.0.9/live')).toEqual({ ok: false, problem: 'bad_escape', part: 'username' });
    // A % in the path is the camera's business: it is kept as typed.
    expect(value(parseStreamUrl('rtsp://10.0.0.9/live%'))).toMatchObject({ url: 'rtsp://10.0.0.9/live%' });
    expect(value(parseStreamUrl('rtsp://a:%25@h/x')).password).toBe('%');
    // Reading stored data keeps such text as typed rather than losing the camera.
    expect(value(parseStreamUrl('rtsp://admin:100%@10.0.0.9/live', { badEscape: 'keep' }))).toMatchObject({ password: '100%', url: 'rtsp://10.0.0.9/live' });
  });

  it('never throws on arbitrary text', () => {
    const pieces = ['rtsp://', 'http://', '%', '%E0', '@', ':', '/', '[', ']', '?', '#', 'a', '1', ' ', '\u202e', '😀'];
    let seed = 7;
    for (let i = 0; i < 5000; i++) {
      let s = '';
      for (let j = 0; j < 8; j++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        s += pieces[seed % pieces.length];
      }
      const r = parseStreamUrl(s);
      expect(typeof r.ok).toBe('boolean');
    }
  });
});

describe('safeDecode', () => {
  it('decodes escapes and returns undefined for a bad %', () => {
    expect(safeDecode('p%40ss')).toBe('p@ss');
    expect(safeDecode('100%')).toBeUndefined();
    expect(safeDecode('%E0%A4%A')).toBeUndefined();
  });
});

describe('streamTransportOf', () => {
  it.each([
    ['rtsp://h/Streaming/Channels/101', 'rtsp'],
    ['rtsps://h/x', 'rtsp'],
    ['ws://h/rtp/x.live.flv?token=1', 'flv-ws'],
    ['wss://h/live/x.flv', 'flv-ws'],
    ['http://h/rtp/x.live.flv', 'flv-http'],
    ['https://h/live/X.FLV', 'flv-http'],
    ['http://h/live/x.ts', 'mpegts'],
    ['ws://h/live/x.ts', 'mpegts'],
    ['http://h/live/x.m3u8?x=1', 'hls'],
    ['ws://h/live/x.m3u8', undefined],
    ['http://h/page.html', undefined],
    ['http://h/x?f=a.flv', undefined],
  ] as const)('%s -> %s', (url, transport) => {
    expect(transportOfUrl(url)).toBe(transport);
    const parsed = parseStreamUrl(url);
    expect(parsed.ok && streamTransportOf(parsed.value)).toBe(transport);
  });

  it('is undefined for text that is not a URL', () => {
    expect(transportOfUrl('x.flv')).toBeUndefined();
  });
});
