// The fake platform media server speaks the shapes the app's players depend on (no browser
// here): content types, CORS, FLV framing per transport, MPEG-TS packets, a sliding HLS list.
import { expect, test } from '@playwright/test';
import WebSocket from 'ws';
import { startFakePlatform, type FakePlatform } from '../../support/fake-platform/index.js';

const ORIGIN = 'http://127.0.0.1:1';
let platform: FakePlatform;

test.beforeEach(async () => {
  platform = await startFakePlatform();
});
test.afterEach(async () => {
  await platform.stop();
});

/** Reads a live body until `enough(bytes)` says so, then drops the connection. */
async function readLive(url: string, enough: (b: Buffer) => boolean): Promise<{ res: Response; body: Buffer }> {
  const res = await fetch(url, { headers: { origin: ORIGIN } });
  const reader = res.body!.getReader();
  let body = Buffer.alloc(0);
  while (!enough(body)) {
    const { value, done } = await reader.read();
    if (done) break;
    body = Buffer.concat([body, value]);
  }
  await reader.cancel();
  return { res, body };
}

interface FlvTag {
  type: number;
  timestampMs: number;
  body: Buffer;
}

/** FLV tags after the 9-byte header and PreviousTagSize0; stops at the first incomplete tag. */
function flvTags(data: Buffer, offset = 13): FlvTag[] {
  const tags: FlvTag[] = [];
  while (offset + 11 <= data.length) {
    const size = data.readUIntBE(offset + 1, 3);
    if (offset + 11 + size + 4 > data.length) break;
    const timestampMs = data.readUIntBE(offset + 4, 3) | (data[offset + 7]! << 24);
    tags.push({ type: data[offset]!, timestampMs, body: data.subarray(offset + 11, offset + 11 + size) });
    expect(data.readUInt32BE(offset + 11 + size)).toBe(11 + size); // PreviousTagSize
    offset += 11 + size + 4;
  }
  return tags;
}

test('http-flv: an endless chunked FLV body with CORS, metadata and the AVC header, then a keyframe', async () => {
  const { res, body } = await readLive(platform.urls('cam1').flv, (b) => flvTags(b).length >= 60);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('video/x-flv');
  expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  expect(res.headers.get('content-length')).toBeNull();
  expect(body.subarray(0, 3).toString()).toBe('FLV');
  expect(body[4]! & 0x01).toBe(1); // has video
  const tags = flvTags(body);
  expect(tags[0]!.type).toBe(18); // onMetaData
  expect(tags[0]!.body.includes(Buffer.from('onMetaData'))).toBe(true);
  expect([tags[1]!.type, tags[1]!.body[0], tags[1]!.body[1]]).toEqual([9, 0x17, 0]); // AVC sequence header
  expect([tags[2]!.type, tags[2]!.body[0], tags[2]!.body[1]]).toEqual([9, 0x17, 1]); // keyframe first
  // 25 fps: 40 ms apart, rising.
  const times = tags.slice(2).map((t) => t.timestampMs);
  for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBe(40);
});

test('ws-flv: the headers in the first binary message, then one FLV tag per message, paced live', async () => {
  const ws = new WebSocket(platform.urls('cam1').ws_flv, { origin: ORIGIN });
  const messages: { at: number; data: Buffer; isBinary: boolean }[] = [];
  ws.on('message', (data, isBinary) => messages.push({ at: Date.now(), data: data as Buffer, isBinary }));
  await expect.poll(() => messages.length, { timeout: 5000 }).toBeGreaterThan(60);
  ws.close();
  expect(messages.every((m) => m.isBinary)).toBe(true);
  const first = messages[0]!.data;
  expect(first.subarray(0, 3).toString()).toBe('FLV');
  expect(flvTags(first).map((t) => t.type)).toEqual([18, 9]);
  for (const m of messages.slice(1)) {
    const tags = flvTags(m.data, 0);
    expect(tags).toHaveLength(1);
    expect(m.data.length).toBe(11 + tags[0]!.body.length + 4);
  }
  expect(flvTags(messages[1]!.data, 0)[0]!.body[0]).toBe(0x17);
  // After the cached GOP (sent at once), pictures arrive in real time: ~25 per second.
  const tail = messages.slice(-26);
  const seconds = (tail.at(-1)!.at - tail[0]!.at) / 1000;
  expect(seconds).toBeGreaterThan(0.8);
  expect(seconds).toBeLessThan(1.5);
  await expect.poll(() => platform.viewers()['flv-ws']).toBe(0);
});

test('http-ts: an endless MPEG-TS body of 188-byte packets with CORS', async () => {
  const { res, body } = await readLive(platform.urls('cam1').ts, (b) => b.length >= 188 * 400);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('video/mp2t');
  expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  for (let i = 0; i + 188 <= body.length; i += 188) expect(body[i]).toBe(0x47);
  // Tables first (ffmpeg: SDT 0x11, PAT 0, PMT 0x1000), then video (0x100): a player can begin at byte 0.
  const pids = [0, 1, 2, 3].map((k) => ((body[k * 188 + 1]! & 0x1f) << 8) | body[k * 188 + 2]!);
  expect(pids).toEqual([0x11, 0, 0x1000, 0x100]);
});

test('hls: a live playlist of 1 s segments that slides and deletes old segments, with CORS', async () => {
  const url = platform.urls('cam1').hls;
  const first = await fetch(url, { headers: { origin: ORIGIN } });
  expect(first.status).toBe(200);
  expect(first.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
  expect(first.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  const text = await first.text();
  expect(text).toMatch(/^#EXTM3U/);
  expect(text).toContain('#EXT-X-TARGETDURATION:1');
  expect(text).not.toContain('#EXT-X-ENDLIST');
  const firstSegment = /^seg-\d+\.ts$/m.exec(text)![0];
  const seg = await fetch(new URL(firstSegment, url), { headers: { origin: ORIGIN } });
  expect(seg.status).toBe(200);
  expect(seg.headers.get('content-type')).toBe('video/mp2t');
  expect(Buffer.from(await seg.arrayBuffer())[0]).toBe(0x47);
  // Seven seconds later the 5-entry window has moved past the first segment, which is gone.
  await new Promise((r) => setTimeout(r, 7000));
  const later = await (await fetch(url)).text();
  expect(later.match(/^seg-\d+\.ts$/gm)).toHaveLength(5);
  expect(Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(later)![1])).toBeGreaterThan(0);
  expect((await fetch(new URL(firstSegment, url))).status).toBe(404);
});

test('preflight, unknown paths, and stop() dropping every viewer at once', async () => {
  const pre = await fetch(platform.urls('cam1').flv, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'GET' } });
  expect(pre.status).toBe(204);
  expect(pre.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  expect((await fetch(`http://127.0.0.1:${platform.port}/rtp/cam1.mp4`)).status).toBe(404);

  const res = await fetch(platform.urls('cam1').flv);
  const reader = res.body!.getReader();
  await reader.read();
  const ws = new WebSocket(platform.urls('cam1').ws_flv);
  const wsClosed = new Promise((r) => ws.once('close', r));
  await expect.poll(() => platform.viewers()).toMatchObject({ 'flv-http': 1, 'flv-ws': 1 });
  await platform.stop();
  await wsClosed;
  // The HTTP body ends with an error (connection reset), not a clean end: the platform went away.
  await expect(
    (async () => {
      for (;;) if ((await reader.read()).done) return;
    })(),
  ).rejects.toThrow();
  expect(platform.viewers()).toMatchObject({ 'flv-http': 0, 'flv-ws': 0 });
  platform = await startFakePlatform({ port: platform.port }); // afterEach stops this one
});
