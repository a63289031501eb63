// Test kit: Hikvision iSecure Center's Artemis gateway on 127.0.0.1 over HTTPS (a certificate
// made in the test). It checks each request's AK/SK signature with the same rule the gateway
// applies (devices/platforms/artemis/artemis-signing.ts) and answers HTTP 401 to a wrong one,
// as the gateway does, echoing nothing secret. Answers follow the public shapes: `code` "0" as
// a string, paged `{total, pageNo, pageSize, list}` (no `list` when empty), preview URLs of a
// real RTSP stream (the demo camera), PTZ and preset commands recorded.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { signature, signedHeaderNames } from '../../devices/platforms/artemis/artemis-signing.js';
import type { TestCertificate } from './test-certificate.js';

export interface FakeArtemisCamera {
  cameraIndexCode: string;
  cameraName: string;
  cameraType: number;
  regionIndexCode: string;
  online: boolean;
}

export interface FakeArtemisOptions {
  appKey: string;
  appSecret: string;
  certificate: TestCertificate;
  cameras: FakeArtemisCamera[];
  regions: Array<{ indexCode: string; name: string; parentIndexCode: string }>;
  /** The RTSP URL a preview of `streamType` answers (a real stream). */
  previewUrl(cameraIndexCode: string, streamType: number): string;
}

export interface FakeArtemis {
  port: number;
  /** Signed requests that passed, in order, with their JSON bodies and arrival times. */
  calls: Array<{ path: string; body: Record<string, unknown>; at: number }>;
  /** Requests refused for their signature. */
  refused(): number;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', 'content-length': Buffer.byteLength(text) }).end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
  });
}

export async function startFakeArtemis(o: FakeArtemisOptions): Promise<FakeArtemis> {
  const calls: FakeArtemis['calls'] = [];
  let refused = 0;
  const page = (items: unknown[], pageNo: number, pageSize: number) => {
    const list = items.slice((pageNo - 1) * pageSize, pageNo * pageSize);
    return { total: items.length, pageNo, pageSize, ...(list.length ? { list } : {}) };
  };
  const ok = (data: unknown) => ({ code: '0', msg: 'success', data });

  const verify = (req: IncomingMessage, path: string, query: Record<string, string>): boolean => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    if (headers['x-ca-key'] !== o.appKey) return false;
    const listed = (headers['x-ca-signature-headers'] ?? '').split(',').filter(Boolean).sort();
    // The gateway signs the x-ca-* headers the request names; Skywall names all it sends.
    if (listed.join(',') !== signedHeaderNames(headers).join(',')) return false;
    const ts = Number(headers['x-ca-timestamp']);
    if (!Number.isFinite(ts) || Math.abs(Date.now() - ts) > 15 * 60_000) return false;
    return headers['x-ca-signature'] === signature(o.appSecret, { method: req.method ?? 'POST', headers, path, query });
  };

  const server: Server = createServer({ key: o.certificate.key, cert: o.certificate.cert }, (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'https://x');
      const text = await readBody(req);
      if (!url.pathname.startsWith('/artemis/')) return send(res, 404, { code: '404', msg: 'not found' });
      if (!verify(req, url.pathname, Object.fromEntries(url.searchParams))) {
        refused++;
        return send(res, 401, { code: '0x00401', msg: 'signature verification failed' });
      }
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text || '{}') as Record<string, unknown>;
      } catch {
        return send(res, 400, { code: '0x00400', msg: 'bad json' });
      }
      const call = url.pathname.replace('/artemis/api/', '');
      calls.push({ path: call, body, at: Date.now() });
      const pageNo = Number(body.pageNo ?? 1);
      const pageSize = Number(body.pageSize ?? 20);
      const camera = o.cameras.find((c) => c.cameraIndexCode === body.cameraIndexCode);
      switch (call) {
        case 'resource/v1/cameras':
          return send(res, 200, ok(page(o.cameras.map((c) => ({ cameraIndexCode: c.cameraIndexCode, cameraName: c.cameraName, cameraType: c.cameraType, regionIndexCode: c.regionIndexCode, status: null, transType: 1 })), pageNo, pageSize)));
        case 'resource/v1/regions':
          return send(res, 200, ok(page(o.regions, pageNo, pageSize)));
        case 'nms/v1/online/camera/get': {
          const codes = (body.indexCodes as string[] | undefined) ?? o.cameras.map((c) => c.cameraIndexCode);
          const list = o.cameras.filter((c) => codes.includes(c.cameraIndexCode)).map((c) => ({ indexCode: c.cameraIndexCode, online: c.online ? 1 : 0 }));
          return send(res, 200, ok({ total: list.length, pageNo: 1, pageSize: list.length, list }));
        }
        case 'video/v2/cameras/previewURLs':
          if (!camera) return send(res, 200, { code: '0x01900001', msg: '监控点不存在', data: null });
          if (body.protocol !== 'rtsp') return send(res, 200, { code: '0x01900002', msg: 'protocol not served by this fake' });
          return send(res, 200, ok({ url: o.previewUrl(camera.cameraIndexCode, Number(body.streamType ?? 0)) }));
        case 'video/v2/cameras/playbackURLs':
          if (!camera) return send(res, 200, { code: '0x01900001', msg: '监控点不存在', data: null });
          return send(res, 200, ok({ list: [{ beginTime: body.beginTime, endTime: body.endTime, size: 1024 }], uuid: 'u1', url: o.previewUrl(camera.cameraIndexCode, 0) }));
        case 'video/v1/ptzs/controlling':
          if (!camera) return send(res, 200, { code: '0x01900001', msg: '监控点不存在', data: null });
          return send(res, 200, ok(null));
        case 'video/v1/presets/searches':
          return send(res, 200, ok({ total: 0 }));
        case 'video/v1/presets/addition':
        case 'video/v1/presets/deletion':
          return send(res, 200, ok(null));
        default:
          return send(res, 404, { code: '404', msg: 'api not found' });
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    calls,
    refused: () => refused,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
