// Test kit: a WVP-GB28181-pro REST API on 127.0.0.1 following its published shapes (2.7.x):
// GET login with the md5 of the password (a POST gets HTTP 400; wrong credentials HTTP 200 with
// code 100), `access-token` header, tokens that expire (HTTP 401 {"code":401,"msg":"请登录后重新请求"}
// with no data key), PageHelper paging (400 without page/count, 500 when page is not a number),
// play/start returning a StreamContent whose URLs carry a query and point at a real FLV stream
// (flv-live-server.ts), which answers 404 for a while after play/start as ZLMediaKit does until
// the device pushed it; play/stop ends it. PTZ and preset commands are recorded; a preset query
// can be made to time out the way WVP does (3 s, then code 100). One stream per channel: which of
// the device's streams play/start asks for is the channel's `streamIdentification`, set by
// POST /api/device/query/channel/stream/identification/update/ (recorded with every play/start).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { md5Hex } from '../../devices/platforms/wvp/wvp-client.js';
import type { FlvLiveServer } from './flv-live-server.js';

export interface FakeWvpChannel {
  deviceId: string;
  name: string;
  status: 'ON' | 'OFF';
  ptzType: number;
  /** How the sub-stream is asked for (`stream:1`, `streamprofile:0`, ...); absent: none set. */
  streamIdentification?: string;
}

export interface FakeWvpDevice {
  deviceId: string;
  name: string;
  onLine: boolean;
  channels: FakeWvpChannel[];
}

export interface FakeWvpOptions {
  username: string;
  password: string;
  devices: FakeWvpDevice[];
  media: FlvLiveServer;
  /** Token lifetime (WVP: about 60 minutes). */
  tokenLifetimeMs?: number;
  /** The stream answers 404 this long after play/start (default 0). */
  registerDelayMs?: number;
  /** Preset queries wait 3 s and answer code 100, as WVP does when the device does not reply. */
  presetQueryTimesOut?: boolean;
}

export interface RecordedCall {
  path: string;
  query: Record<string, string>;
  at: number;
}

export interface FakeWvp {
  baseUrl: string;
  port: number;
  /** Every request after login, in order (PTZ and preset commands among them). */
  calls: RecordedCall[];
  logins(): number;
  /** Every issued token stops working now (as after WVP's token lifetime). */
  expireTokens(): void;
  /** Streams started by play/start and not stopped. */
  playing(): string[];
  /** Every play/start that opened a stream, with the channel's stream identification at that moment. */
  starts: Array<{ stream: string; identification: string | null }>;
  /** ZLMediaKit ends the channel's stream (nobody watched, or the device dropped it): viewers are cut, the URL 404s until play/start again. */
  endStream(deviceId: string, channelId: string): void;
  close(): Promise<void>;
}

const UNAUTHORIZED = { code: 401, msg: '请登录后重新请求' };

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', 'content-length': Buffer.byteLength(text) }).end(text);
}

const ok = (data: unknown) => ({ code: 0, msg: '成功', data });
const fail = (msg: string) => ({ code: 100, msg });

function page<T>(items: T[], pageNum: number, pageSize: number) {
  const start = (pageNum - 1) * pageSize;
  const list = items.slice(start, start + pageSize);
  const pages = Math.ceil(items.length / pageSize);
  return { total: items.length, list, pageNum, pageSize, size: list.length, startRow: list.length ? start + 1 : 0, endRow: start + list.length, pages, prePage: pageNum > 1 ? pageNum - 1 : 0, nextPage: pageNum < pages ? pageNum + 1 : 0, isFirstPage: pageNum === 1, isLastPage: pageNum >= pages, hasPreviousPage: pageNum > 1, hasNextPage: pageNum < pages, navigatePages: 8 };
}

export async function startFakeWvp(o: FakeWvpOptions): Promise<FakeWvp> {
  const tokens = new Map<string, number>(); // token -> expiry
  const playing = new Set<string>();
  const calls: RecordedCall[] = [];
  const starts: FakeWvp['starts'] = [];
  let logins = 0;
  const lifetime = o.tokenLifetimeMs ?? 60 * 60_000;

  // WVP's database id of a channel: its place among all channels, from 1.
  const dbIdOf = (c: FakeWvpChannel): number => o.devices.flatMap((d) => d.channels).indexOf(c) + 1;
  const channelOf = (d: string, c: string): FakeWvpChannel | undefined => o.devices.find((x) => x.deviceId === d)?.channels.find((x) => x.deviceId === c);

  const streamContent = (d: string, c: string) => {
    const stream = `${d}_${c}`;
    const u = o.media.urls('rtp', stream);
    const host = `127.0.0.1:${o.media.port}`;
    return {
      app: 'rtp',
      stream,
      ip: null,
      flv: u.flv,
      https_flv: null,
      ws_flv: u.ws_flv,
      wss_flv: null,
      fmp4: `http://${host}/rtp/${stream}.live.mp4?originTypeStr=rtp_push&videoCodec=H264`,
      ws_fmp4: `ws://${host}/rtp/${stream}.live.mp4?originTypeStr=rtp_push&videoCodec=H264`,
      hls: `http://${host}/rtp/${stream}/hls.m3u8?originTypeStr=rtp_push&videoCodec=H264`,
      ts: `http://${host}/rtp/${stream}.live.ts?originTypeStr=rtp_push&videoCodec=H264`,
      rtmp: `rtmp://127.0.0.1:1935/rtp/${stream}`,
      rtsp: `rtsp://127.0.0.1:554/rtp/${stream}`,
      rtc: null,
      mediaServerId: 'zlmediakit-local',
      startTime: null,
      endTime: null,
      progress: 0,
    };
  };

  const routes: Array<[RegExp, (m: RegExpExecArray, q: Record<string, string>, res: ServerResponse) => void | Promise<void>]> = [
    [/^\/api\/device\/query\/devices$/, (_m, q, res) => {
      if (q.page === undefined || q.count === undefined) return send(res, 400, { code: 400, msg: '参数不全或者错误' });
      if (!/^\d+$/.test(q.page) || !/^\d+$/.test(q.count)) return send(res, 500, { code: 500, msg: '系统异常' });
      const list = o.devices.map((d) => ({ deviceId: d.deviceId, name: d.name, onLine: d.onLine, manufacturer: 'Hikvision', model: 'DS-7808N', channelCount: d.channels.length, streamMode: 'TCP-PASSIVE' }));
      send(res, 200, ok(page(list, Number(q.page), Number(q.count))));
    }],
    [/^\/api\/device\/query\/devices\/([^/]+)\/channels$/, (m, q, res) => {
      if (q.page === undefined || q.count === undefined) return send(res, 400, { code: 400, msg: '参数不全或者错误' });
      if (!/^\d+$/.test(q.page) || !/^\d+$/.test(q.count)) return send(res, 500, { code: 500, msg: '系统异常' });
      const di = o.devices.findIndex((x) => x.deviceId === decodeURIComponent(m[1]!));
      const d = o.devices[di];
      const matches = (c: FakeWvpChannel) => !q.query || c.deviceId.includes(q.query) || c.name.includes(q.query);
      const list = (d?.channels ?? []).filter(matches).map((c) => ({ id: dbIdOf(c), deviceDbId: di + 1, deviceId: c.deviceId, name: c.name, parentDeviceId: d!.deviceId, status: c.status, ptzType: c.ptzType, civilCode: '340200', manufacture: 'Hikvision', streamIdentification: c.streamIdentification ?? null }));
      send(res, 200, ok(page(list, Number(q.page), Number(q.count))));
    }],
    [/^\/api\/play\/start\/([^/]+)\/([^/]+)$/, (m, _q, res) => {
      const d = decodeURIComponent(m[1]!);
      const c = decodeURIComponent(m[2]!);
      if (!channelOf(d, c)) return send(res, 200, fail('通道不存在'));
      const key = `${d}_${c}`;
      if (!playing.has(key)) {
        playing.add(key);
        starts.push({ stream: key, identification: channelOf(d, c)!.streamIdentification ?? null });
        const register = () => o.media.register('rtp', key);
        if (o.registerDelayMs) setTimeout(register, o.registerDelayMs).unref();
        else register();
      }
      send(res, 200, ok(streamContent(d, c)));
    }],
    [/^\/api\/play\/stop\/([^/]+)\/([^/]+)$/, (m, _q, res) => {
      const d = decodeURIComponent(m[1]!);
      const c = decodeURIComponent(m[2]!);
      const key = `${d}_${c}`;
      playing.delete(key);
      o.media.unregister('rtp', key);
      o.media.dropViewers('rtp', key); // the BYE ends the stream for everyone watching it
      send(res, 200, ok({ deviceId: d, channelId: c }));
    }],
    [/^\/api\/device\/query\/channel\/stream\/identification\/update\/$/, (_m, q, res) => {
      // WVP asserts the identification has a length; the channel is found by its database id.
      if (!q.streamIdentification) return send(res, 200, fail('码流标识必须存在'));
      const ch = o.devices.flatMap((d) => d.channels).find((c) => String(dbIdOf(c)) === q.id);
      if (!ch) return send(res, 200, fail('通道不存在'));
      ch.streamIdentification = q.streamIdentification;
      send(res, 200, ok(null));
    }],
    [/^\/api\/front-end\/ptz\/([^/]+)\/([^/]+)$/, (m, q, res) => {
      if (!channelOf(decodeURIComponent(m[1]!), decodeURIComponent(m[2]!))) return send(res, 200, fail('通道不存在'));
      // Without zoomSpeed WVP defaults it to 16, then refuses its own value.
      const zoom = q.zoomSpeed === undefined ? 16 : Number(q.zoomSpeed);
      if (zoom > 15) return send(res, 200, fail('zoomSpeed 为 0-15的数字'));
      send(res, 200, ok(null));
    }],
    [/^\/api\/front-end\/fi\/(iris|focus)\/([^/]+)\/([^/]+)$/, (m, q, res) => {
      if (!channelOf(decodeURIComponent(m[2]!), decodeURIComponent(m[3]!))) return send(res, 200, fail('通道不存在'));
      const allowed = m[1] === 'iris' ? ['in', 'out', 'stop'] : ['near', 'far', 'stop'];
      const speed = q.speed === undefined ? 100 : Number(q.speed);
      if (!allowed.includes(q.command ?? '') || !(speed >= 0 && speed <= 255)) return send(res, 200, fail('speed 为 0-255的数字'));
      send(res, 200, ok(null));
    }],
    [/^\/api\/front-end\/preset\/query\/([^/]+)\/([^/]+)$/, async (_m, _q, res) => {
      if (o.presetQueryTimesOut) {
        await new Promise((r) => setTimeout(r, 3000));
        return send(res, 200, fail('获取设备预置位超时'));
      }
      send(res, 200, ok([{ presetId: '1', presetName: '大门' }]));
    }],
    [/^\/api\/front-end\/preset\/(add|call|delete)\/([^/]+)\/([^/]+)$/, (m, q, res) => {
      if (!channelOf(decodeURIComponent(m[2]!), decodeURIComponent(m[3]!))) return send(res, 200, fail('通道不存在'));
      if (!/^\d+$/.test(q.presetId ?? '')) return send(res, 400, { code: 400, msg: '参数不全或者错误' });
      send(res, 200, ok(null));
    }],
    [/^\/api\/gb_record\/query\/([^/]+)\/([^/]+)$/, (m, q, res) => {
      send(res, 200, ok({ deviceId: decodeURIComponent(m[1]!), channelId: decodeURIComponent(m[2]!), sumNum: 1, recordList: [{ startTime: q.startTime, endTime: q.endTime, type: 'time', name: 'record' }] }));
    }],
    [/^\/api\/playback\/start\/([^/]+)\/([^/]+)$/, (m, _q, res) => {
      const d = decodeURIComponent(m[1]!);
      const c = decodeURIComponent(m[2]!);
      if (!channelOf(d, c)) return send(res, 200, fail('通道不存在'));
      o.media.register('rtp', `${d}_${c}`);
      send(res, 200, ok(streamContent(d, c)));
    }],
  ];

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const q = Object.fromEntries(url.searchParams);
    if (url.pathname === '/api/user/login') {
      if (req.method !== 'GET') return send(res, 400, { code: 400, msg: "Request method 'POST' is not supported" });
      logins++;
      if (q.username !== o.username || q.password !== md5Hex(o.password)) return send(res, 200, fail('用户名或密码错误'));
      const accessToken = `${randomUUID()}.${randomUUID()}`;
      tokens.set(accessToken, Date.now() + lifetime);
      return send(res, 200, ok({ id: 1, username: o.username, accessToken, role: { id: 1, name: 'admin' } }));
    }
    const route = routes.find(([re]) => re.test(url.pathname));
    if (!route) return send(res, 404, { timestamp: new Date().toISOString(), status: 404, error: 'Not Found', path: url.pathname });
    const token = req.headers['access-token'];
    const expiry = typeof token === 'string' ? tokens.get(token) : undefined;
    if (expiry === undefined || expiry < Date.now()) return send(res, 401, UNAUTHORIZED);
    const post = url.pathname.endsWith('/stream/identification/update/');
    if (req.method !== (post ? 'POST' : 'GET')) return send(res, 405, { code: 405, msg: `Request method '${req.method}' is not supported` });
    calls.push({ path: url.pathname, query: q, at: Date.now() });
    void route[1](route[0].exec(url.pathname)!, q, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    calls,
    starts,
    logins: () => logins,
    expireTokens: () => {
      for (const k of tokens.keys()) tokens.set(k, 0);
    },
    playing: () => [...playing],
    endStream(d, c) {
      const key = `${d}_${c}`;
      playing.delete(key);
      o.media.unregister('rtp', key);
      o.media.dropViewers();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** `devices` devices with `channels` channels each, GB28181-style ids; the first channel of each is a dome. */
export function wvpDevices(devices: number, channels: number): FakeWvpDevice[] {
  return Array.from({ length: devices }, (_, d) => ({
    deviceId: `3402000000132000${String(d + 1).padStart(4, '0')}`,
    name: `乡镇NVR-${d + 1}`,
    onLine: d % 5 !== 4,
    channels: Array.from({ length: channels }, (_, c) => ({
      deviceId: `340200000013100${String(d + 1).padStart(2, '0')}${String(c + 1).padStart(3, '0')}`,
      name: `村口${d + 1}-${c + 1}`,
      status: c % 4 === 3 ? ('OFF' as const) : ('ON' as const),
      ptzType: c === 0 ? 1 : 3,
    })),
  }));
}
