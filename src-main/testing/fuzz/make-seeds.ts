// Makes the seed corpus from real traffic, once (`node build/fuzz.mjs --make-seeds`): the
// RTSP client plays the demo camera (plain, Digest with and without qop, Basic; single NAL and
// STAP/AP parameter sets) and GStreamer's RTSP server (H.264, multi-slice H.264, H.265, AAC,
// PCMA, Digest) through a recording TCP proxy. From the server's bytes come: RTSP stream
// windows, SDP bodies, challenges, single RTP/RTCP packets, depacketizer packet runs and
// parameter sets. The ONVIF client talks to the demo device (Media and Media2) through the
// same proxy: its answers seed onvif-soap, its requests the device's XML reader. ffmpeg cuts
// the demo clip into real HLS playlists. Request targets, cookies and stream URLs are the
// forms the servers and cameras use. Seeds are named seed-<source>-<n>; only missing ones are
// written (`--fresh` replaces every seed); crash/hang files stay.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startGstRtspServer } from '../../../e2e/fixtures/gst-rtsp.js';
import { channels } from '../../common/contract/index.js';
import { invokeText } from '../../common/wire/host.js';
import { resolveAssetsDir } from '../../demo/assets-dir.js';
import { startOnvifStub } from '../../demo/onvif/index.js';
import { startDemoRtspServer } from '../../demo/rtsp/index.js';
import { connectOnvif } from '../../devices/onvif/index.js';
import { parseRtpPacket, type RtpPacket } from '../../media/rtp/rtp-packet.js';
import { RtspStreamParser, type RtspResponse } from '../../media/rtsp/rtsp-message.js';
import { receiveFor, startTcpProxy } from '../rtsp/session-kit.js';
import { VideoDepacketizer } from '../../media/rtp/video-depacketizer.js';
import { FlvMuxer, type HevcFlvForm } from '../../media/flv/index.js';
import { loadDemoClip } from '../fmp4/demo-units.js';
import type { VideoCodec, VideoTrackInfo } from '../../media/types.js';
import { defaultCorpusRoot, saveSeed } from './corpus.js';
import { ONVIF_OPERATIONS } from './targets/onvif-targets.js';
import { framePackets } from './targets/rtp-targets.js';

const RUN_BYTES = 24 * 1024;
const root = defaultCorpusRoot();
const counters = new Map<string, number>();

function seed(target: string, source: string, data: Uint8Array | string): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const key = `${target}/${source}`;
  const n = (counters.get(key) ?? 0) + 1;
  counters.set(key, n);
  const name = `seed-${source}-${n}`;
  if (!existsSync(path.join(root, target, name))) saveSeed(root, target, name, bytes);
}

interface Capture {
  source: string;
  bytes: Buffer;
  video?: VideoCodec;
  audio?: 'aac' | 'pcma';
}

async function record(source: string, url: string, ms: number, extra: { username?: string; password?: string; video?: VideoCodec; audio?: 'aac' | 'pcma' } = {}): Promise<Capture[]> {
  const u = new URL(url);
  const proxy = await startTcpProxy(Number(u.port));
  try {
    await receiveFor({ url: `rtsp://127.0.0.1:${proxy.port}${u.pathname}`, username: extra.username, password: extra.password, rtcpIntervalMs: 300 }, ms);
  } finally {
    await proxy.close();
  }
  return proxy.fromServer.map((bytes) => ({ source, bytes, video: extra.video, audio: extra.audio }));
}

function split(bytes: Buffer): { responses: RtspResponse[]; frames: Array<{ channel: number; data: Uint8Array }>; textEnd: number } {
  const responses: RtspResponse[] = [];
  const frames: Array<{ channel: number; data: Uint8Array }> = [];
  const parser = new RtspStreamParser({
    onResponse: (r) => responses.push(r),
    onRequest: () => undefined,
    onInterleaved: (channel, data) => frames.push({ channel, data: data.slice() }),
  });
  parser.push(bytes);
  const dollar = bytes.indexOf(0x24);
  return { responses, frames, textEnd: dollar < 0 ? bytes.length : dollar };
}

function rtpOf(data: Uint8Array): RtpPacket | undefined {
  try {
    return parseRtpPacket(data);
  } catch {
    return undefined;
  }
}

/** Consecutive packets from index `from`, framed, up to RUN_BYTES. */
function packetRun(packets: readonly Uint8Array[], from: number): Uint8Array {
  const run: Uint8Array[] = [];
  let size = 0;
  for (let i = from; i < packets.length && size + 2 + packets[i].length <= RUN_BYTES; i++) {
    run.push(packets[i]);
    size += 2 + packets[i].length;
  }
  return framePackets(run);
}

function startsParameterSets(codec: VideoCodec, payload: Uint8Array): boolean {
  if (codec === 'h264') {
    const t = payload[0] & 0x1f;
    return t === 7 || (t === 24 && (payload[3] & 0x1f) === 7) || (t === 28 && (payload[1] & 0x80) !== 0 && (payload[1] & 0x1f) === 7);
  }
  const t = (payload[0] >> 1) & 0x3f;
  return t === 32 || (t === 48 && ((payload[4] >> 1) & 0x3f) === 32);
}

function seedsFrom(c: Capture): void {
  const { responses, frames, textEnd } = split(c.bytes);
  seed('rtsp-stream', c.source, c.bytes.subarray(0, textEnd));
  seed('rtsp-stream', c.source, c.bytes.subarray(0, 6144));
  if (!/digest|basic/.test(c.source)) seed('rtsp-media', c.source, c.bytes.subarray(textEnd, textEnd + 24 * 1024));
  for (const r of responses) {
    for (const h of r.headers.getAll('www-authenticate')) seed('digest-challenge', c.source, h);
    if (r.body.length > 0) seed('sdp', c.source, r.body);
  }
  // The login variants carry the same media as the plain demo stream: their RTSP text is what is new.
  if (/digest|basic/.test(c.source)) return;
  const byChannel = new Map<number, Uint8Array[]>();
  for (const f of frames) byChannel.set(f.channel, [...(byChannel.get(f.channel) ?? []), f.data]);
  for (const [channel, packets] of byChannel) {
    if (channel % 2 === 1) {
      for (const p of packets.slice(0, 3)) seed('rtcp', c.source, p);
      continue;
    }
    const first = rtpOf(packets[0]);
    if (!first) continue;
    const isVideo = first.payloadType >= 96 && c.video !== undefined && channel === 0;
    // A few single packets: the first, a fragment from the middle, the last.
    for (const i of [0, Math.floor(packets.length / 2), packets.length - 1]) seed('rtp-packet', c.source, packets[i]);
    if (isVideo) {
      const codec = c.video!;
      const starts = packets.map((p, i) => ({ p: rtpOf(p), i })).filter(({ p }) => p && startsParameterSets(codec, p.payload)).map(({ i }) => i);
      for (const i of starts.slice(0, 2)) seed(`rtp-${codec}`, c.source, packetRun(packets, i));
      seed(`rtp-${codec}`, c.source, packetRun(packets, Math.floor(packets.length * 0.7)));
      for (const info of trackInfos(codec, packets)) seed(`${codec}-sps`, c.source, info.sps);
    } else if (c.audio) {
      const target = c.audio === 'aac' ? 'rtp-aac' : 'rtp-g711';
      seed(target, c.source, packetRun(packets.slice(0, 12), 0));
      seed(target, c.source, packetRun(packets.slice(-12), 0));
    }
  }
}

function trackInfos(codec: VideoCodec, packets: readonly Uint8Array[]): VideoTrackInfo[] {
  const infos: VideoTrackInfo[] = [];
  const d = new VideoDepacketizer({ codec, onTrackInfo: (i) => infos.push(i), onAccessUnit: () => undefined, onError: () => undefined });
  packets.forEach((p, i) => {
    const pkt = rtpOf(p);
    if (pkt) d.push(pkt, i);
  });
  return infos;
}

function clearSeeds(): void {
  if (!existsSync(root)) return;
  for (const target of readdirSync(root)) {
    const dir = path.join(root, target);
    if (!existsSync(dir) || target.endsWith('.md')) continue;
    for (const f of readdirSync(dir)) if (f.startsWith('seed-')) rmSync(path.join(dir, f));
  }
}

/** Header and body of each HTTP message in one direction of a connection (Content-Length framing). */
function httpBodies(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let o = 0;
  while (o < bytes.length) {
    const end = bytes.indexOf('\r\n\r\n', o, 'latin1');
    if (end < 0) break;
    const length = Number(/^content-length:\s*(\d+)/im.exec(bytes.subarray(o, end).toString('latin1'))?.[1] ?? 0);
    out.push(bytes.subarray(end + 4, end + 4 + length));
    o = end + 4 + length;
  }
  return out;
}

async function onvifSeeds(media2: boolean): Promise<void> {
  const stub = await startOnvifStub({ username: 'admin', password: 'pw', media2, streamUris: { main: 'rtsp://192.0.2.10:554/cam/realmonitor?channel=1&subtype=0', sub: 'rtsp://192.0.2.10:554/Streaming/Channels/102' } });
  const proxy = await startTcpProxy(stub.port);
  try {
    const dev = await connectOnvif({ host: '127.0.0.1', port: proxy.port, username: 'admin', password: 'pw', timeoutMs: 3000 });
    const [main] = await dev.profiles();
    await dev.streamUri(main.token);
    await dev.snapshotUri(main.token);
    const token = await dev.ptz.setPreset(main.token, 'Gate');
    await dev.ptz.presets(main.token);
    await dev.ptz.gotoPreset(main.token, token);
    await dev.ptz.continuousMove(main.token, { x: 0.5, y: 0, zoom: 0 });
    await dev.ptz.stop(main.token);
    await dev.ptz.status(main.token);
    await dev.ptz.absoluteMove(main.token, { x: 0.1, y: 0.2, zoom: 0 });
    await dev.ptz.relativeMove(main.token, { x: 0.1, y: 0, zoom: 0 });
    await dev.ptz.home(main.token);
    await dev.ptz.removePreset(main.token, token);
    dev.close();
  } finally {
    await proxy.close();
    await stub.close();
  }
  const source = media2 ? 'stub-media2' : 'stub';
  proxy.fromClient.forEach((request, i) => {
    const requests = httpBodies(request);
    const answers = httpBodies(proxy.fromServer[i] ?? Buffer.alloc(0));
    requests.forEach((body, j) => {
      seed('soap-xml-reader', source, body);
      const op = /Body[^>]*>\s*<(?:[\w-]+:)?(\w+)/.exec(body.toString('utf8'))?.[1];
      const index = ONVIF_OPERATIONS.findIndex((o) => o.name === op);
      if (index >= 0 && answers[j]?.length) seed('onvif-soap', `${source}-${op}`, Buffer.concat([Buffer.from([index]), answers[j]]));
    });
  });
}

function hlsSeeds(): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'skywall-hls-'));
  try {
    const clip = path.join(resolveAssetsDir(), 'demo', 'demo-h264.h264');
    const ff = (args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-y', '-r', '25', '-i', clip, '-c', 'copy', ...args], { cwd: dir });
    ff(['-f', 'hls', '-hls_time', '2', '-hls_playlist_type', 'vod', '-master_pl_name', 'master.m3u8', 'ts.m3u8']);
    ff(['-f', 'hls', '-hls_time', '2', '-hls_segment_type', 'fmp4', '-hls_flags', 'independent_segments', 'fmp4.m3u8']);
    for (const name of ['ts.m3u8', 'master.m3u8', 'fmp4.m3u8']) seed('hls-playlist', 'ffmpeg', readFileSync(path.join(dir, name)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function textSeeds(): void {
  const token = 'A'.repeat(32);
  for (const t of ['/', '/index.html', '/assets/index-Bx3f9a.js', `/ipc?token=${token}`, `/live/cam-1?token=${token}`, `/relay/plat-7?token=${token}`, `/hls/${'t'.repeat(32)}/live/cam1/index.m3u8?session=42`, `/hls/${'t'.repeat(32)}/~off-origin/cdn.example:8443`, '/%E4%B8%9C%E9%97%A8.png']) {
    seed('request-target', 'servers', t);
  }
  Object.keys(channels).forEach((channel, i) => seed('host-invoke', 'contract', invokeText(i + 1, channel, {})));
  const camera = { id: 'c1', name: '东门 入口', ptz: false, sources: [{ profile: 'main', url: 'rtsp://192.0.2.10:554/cam/realmonitor?channel=1&subtype=0', codec: 'h264' }] };
  seed('host-invoke', 'renderer', invokeText(7, 'sw:devices:add', { name: '东门 NVR', kind: 'rtsp', host: '192.0.2.10', port: 554, username: 'admin', password: 'Pa55-word', cameras: [camera] }));
  seed('hls-cookies', 'zlmediakit', 'ZL_COOKIE=7c1f0e3d2a; expires=Thu, 03 Dec 2026 12:00:00 GMT; path=/live/cam1/\nsid=abc; HttpOnly; Path=/');
  for (const u of [
    'rtsp://admin:Pa55%40word@192.0.2.10:554/cam/realmonitor?channel=1&subtype=0',
    'rtsp://admin:p@ss/w0rd@[2001:db8::7]:8554/Streaming/Channels/101',
    'rtsps://192.0.2.11/live/main',
    'http://192.0.2.7:8080/live/cam1.flv?token=x',
    'wss://platform.example/live/cam1.flv',
  ]) seed('stream-url', 'cameras', u);
}

/** FLV as platforms serve it: the demo clips through the project's muxer (H.264 + AAC, both H.265 forms), three pictures cut short. */
async function flvSeeds(): Promise<void> {
  const aac = { codec: 'aac' as const, sampleRate: 44100, channels: 1, config: Uint8Array.of(0x12, 0x08) };
  const cases: Array<[string, 'h264' | 'h265', HevcFlvForm, boolean]> = [
    ['muxer-h264-aac', 'h264', 'codec12', true],
    ['muxer-h265-codec12', 'h265', 'codec12', false],
    ['muxer-h265-enhanced', 'h265', 'enhanced', false],
  ];
  for (const [source, codec, hevcForm, audio] of cases) {
    const clip = await loadDemoClip(codec);
    const m = new FlvMuxer(audio ? { video: clip.track, audio: aac } : { video: clip.track }, { hevcForm });
    const parts: Uint8Array[] = [m.start()];
    for (let i = 0; i < 3; i++) {
      const a = audio ? m.push({ kind: 'audio', codec: 'aac', data: Uint8Array.of(0x21, 0x10, 4), pts: i * 1024, receivedAt: 0 }) : undefined;
      if (a) parts.push(a);
      const u = clip.units[i]!;
      const tag = m.push({ ...u, nalus: u.nalus.map((n) => (n.length > 600 ? n.subarray(0, 600) : n)) });
      if (tag) parts.push(tag);
    }
    seed('flv-stream', source, Buffer.concat(parts));
  }
}

async function main(): Promise<void> {
  if (process.argv.includes('--fresh')) clearSeeds();
  await flvSeeds();
  await onvifSeeds(false);
  await onvifSeeds(true);
  hlsSeeds();
  textSeeds();
  const captures: Capture[] = [];
  const demo = await startDemoRtspServer({ senderReportIntervalMs: 300 });
  const demoAp = await startDemoRtspServer({ aggregateParameterSets: true, senderReportIntervalMs: 300 });
  const digest = await startDemoRtspServer({ auth: { username: 'admin', password: 'pw', scheme: 'digest' } });
  const digestNoQop = await startDemoRtspServer({ auth: { username: 'admin', password: 'pw', scheme: 'digest', digestQop: false, realm: 'IP Camera(C1234)' } });
  const basic = await startDemoRtspServer({ auth: { username: 'admin', password: 'pw', scheme: 'basic' } });
  const gst = await startGstRtspServer({ width: 320, height: 180, fps: 25 });
  try {
    const cred = { username: 'admin', password: 'pw' };
    captures.push(...(await record('demo-h264', demo.url('/demo/h264'), 1500, { video: 'h264' })));
    captures.push(...(await record('demo-h265', demo.url('/demo/h265'), 1500, { video: 'h265' })));
    captures.push(...(await record('demo-h264-stap', demoAp.url('/demo/h264'), 1200, { video: 'h264' })));
    captures.push(...(await record('demo-h265-ap', demoAp.url('/demo/h265'), 1200, { video: 'h265' })));
    captures.push(...(await record('demo-digest', digest.url('/demo/h264'), 600, { ...cred, video: 'h264' })));
    captures.push(...(await record('demo-digest-noqop', digestNoQop.url('/demo/h264'), 600, { ...cred, video: 'h264' })));
    captures.push(...(await record('demo-basic', basic.url('/demo/h264'), 600, { ...cred, video: 'h264' })));
    captures.push(...(await record('gst-h264', gst.url('/h264'), 1500, { video: 'h264' })));
    captures.push(...(await record('gst-h264-slices', gst.url('/h264-slices'), 1200, { video: 'h264' })));
    captures.push(...(await record('gst-h265', gst.url('/h265'), 1500, { video: 'h265' })));
    captures.push(...(await record('gst-aac', gst.url('/h264-aac'), 1500, { video: 'h264', audio: 'aac' })));
    captures.push(...(await record('gst-pcma', gst.url('/h264-pcma'), 1500, { video: 'h264', audio: 'pcma' })));
    captures.push(...(await record('gst-digest', gst.authUrl, 800, { username: gst.user, password: gst.password, video: 'h264' })));
  } finally {
    await Promise.all([demo.close(), demoAp.close(), digest.close(), digestNoQop.close(), basic.close(), gst.stop()]);
  }
  for (const c of captures) seedsFrom(c);
  for (const [key, n] of [...counters].sort()) console.log(`${key}: ${n}`);
}

await main();
