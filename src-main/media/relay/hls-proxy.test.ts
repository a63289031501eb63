// The HLS proxy with real sockets: an upstream "platform" serving a playlist and segments, a
// second server standing for any other host, and fetch() as the player.
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MediaRelay } from './media-relay.js';
import { startUpstream, type TestUpstream } from '../../testing/relay/relay-peers.js';

let relay: MediaRelay;
let platform: TestUpstream;
let other: TestUpstream;
const segments = new Map<string, Buffer>();
const cookiesSeen: Array<string | undefined> = [];
const PAGE = 'http://127.0.0.1:4000';

beforeEach(async () => {
  segments.clear();
  cookiesSeen.length = 0;
  for (const name of ['init.mp4', 'seg-1.ts', 'seg-2.ts', 'seg-3.ts']) segments.set(name, randomBytes(20_000 + Math.floor(Math.random() * 50_000)));
  other = await startUpstream((_req, res) => res.writeHead(200).end('should never be fetched'));
  platform = await startUpstream((req, res) => {
    cookiesSeen.push(req.headers.cookie);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/live/cam/hls.m3u8') {
      res.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl', 'set-cookie': 'ZL_COOKIE=abc123; Path=/; HttpOnly' });
      return void res.end(
        [
          '#EXTM3U',
          '#EXT-X-VERSION:7',
          '#EXT-X-TARGETDURATION:1',
          '#EXT-X-MEDIA-SEQUENCE:1',
          '#EXT-X-MAP:URI="init.mp4"',
          '#EXTINF:1.0,',
          'seg-1.ts',
          '#EXTINF:1.0,',
          '/live/cam/seg-2.ts?session=s1',
          '#EXTINF:1.0,',
          `${platform.origin}/live/cam/seg-3.ts`,
          '#EXTINF:1.0,',
          `${other.origin}/cdn/seg-4.ts`,
          '',
        ].join('\r\n'),
      );
    }
    const seg = segments.get(path.replace('/live/cam/', ''));
    if (!seg) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': 'video/mp2t', 'content-length': seg.length });
    res.end(seg);
  });
  relay = await MediaRelay.start({ log: () => undefined, connectTimeoutMs: 1000, responseTimeoutMs: 1000 });
});
afterEach(async () => {
  await relay.close();
  await platform.close();
  await other.close();
});

describe('HLS proxy', () => {
  it('serves the playlist rewritten to loopback, and every segment byte for byte', async () => {
    const url = relay.proxyHls('s-h', { url: `${platform.origin}/live/cam/hls.m3u8` });
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${relay.port}/hls/[A-Za-z0-9_-]{32}/live/cam/hls\\.m3u8$`));
    const res = await fetch(url, { headers: { origin: PAGE } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(PAGE);
    expect(res.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(res.headers.get('set-cookie')).toBeNull();
    const text = await res.text();
    const prefix = new URL(url).pathname.replace('/live/cam/hls.m3u8', '');
    const uris = text.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(uris).toEqual([`${prefix}/live/cam/seg-1.ts`, `${prefix}/live/cam/seg-2.ts?session=s1`, `${prefix}/live/cam/seg-3.ts`, `${prefix}/~off-origin/${encodeURIComponent(`127.0.0.1:${other.port}`)}`]);
    expect(text).toContain(`#EXT-X-MAP:URI="${prefix}/live/cam/init.mp4"`);
    expect(text).not.toContain(platform.origin);

    for (const [uri, name] of [[uris[0], 'seg-1.ts'], [uris[1], 'seg-2.ts'], [uris[2], 'seg-3.ts'], [`${prefix}/live/cam/init.mp4`, 'init.mp4']] as const) {
      const seg = await fetch(new URL(uri!, url), { headers: { origin: PAGE } });
      expect(seg.status).toBe(200);
      expect(Buffer.from(await seg.arrayBuffer()).equals(segments.get(name)!)).toBe(true);
    }
    expect(platform.seen).toEqual(['/live/cam/hls.m3u8', '/live/cam/seg-1.ts', '/live/cam/seg-2.ts?session=s1', '/live/cam/seg-3.ts', '/live/cam/init.mp4']);
    // ZLMediaKit's session cookie goes back upstream, not to the page.
    expect(cookiesSeen.slice(1)).toEqual(Array(4).fill('ZL_COOKIE=abc123'));
    expect(relay.counters().hls).toMatchObject({ playlistsRewritten: 1, refused: 0 });
  });

  it('refuses anything off the upstream origin with 403 and never fetches it', async () => {
    const url = relay.proxyHls('s-h', { url: `${platform.origin}/live/cam/hls.m3u8` });
    const text = await (await fetch(url)).text();
    const offOrigin = text.split('\n').find((l) => l.includes('~off-origin'))!;
    expect((await fetch(new URL(offOrigin, url))).status).toBe(403);

    // A proxy-style absolute request target naming the other host.
    const absolute = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: relay.port, path: `${other.origin}/cdn/seg-4.ts` }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.once('error', reject);
      req.end();
    });
    expect(absolute).toBe(403);

    // '//host/…' after the token stays a path on the platform's origin.
    const prefix = new URL(url).pathname.replace('/live/cam/hls.m3u8', '');
    expect((await fetch(`http://127.0.0.1:${relay.port}${prefix}//127.0.0.1:${other.port}/cdn/seg-4.ts`)).status).toBe(404);
    expect(other.seen).toEqual([]);
    expect(relay.counters().hls.refused).toBe(1);
  });

  it('passes upstream errors, checks the page origin, answers preflights, and forgets a closed stream', async () => {
    const url = relay.proxyHls('s-h', { url: `${platform.origin}/live/cam/hls.m3u8` });
    const prefix = new URL(url).pathname.replace('/live/cam/hls.m3u8', '');
    expect((await fetch(`http://127.0.0.1:${relay.port}${prefix}/live/cam/missing.ts`)).status).toBe(404);
    expect((await fetch(url, { headers: { origin: 'https://evil.example' } })).status).toBe(403);
    const pre = await fetch(url, { method: 'OPTIONS', headers: { origin: 'app://skywall', 'access-control-request-method': 'GET' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('app://skywall');
    expect((await fetch(`http://127.0.0.1:${relay.port}/hls/${'A'.repeat(32)}/live/cam/hls.m3u8`)).status).toBe(404);
    relay.closeStream('s-h');
    expect((await fetch(url)).status).toBe(404);

    // The platform gone: 502, so the player retries.
    const url2 = relay.proxyHls('s-h2', { url: `${platform.origin}/live/cam/hls.m3u8` });
    await platform.close();
    expect((await fetch(url2)).status).toBe(502);
  });
});
