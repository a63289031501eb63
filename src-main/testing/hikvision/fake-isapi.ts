// A Hikvision device as ISAPI shows it, for tests: HTTP Digest (MD5, qop="auth", a fresh nonce
// per challenge, as the devices send), /ISAPI/System/deviceInfo, an NVR's
// /ISAPI/ContentMgmt/InputProxy/channels (a camera answers 403 notSupport there, with a
// ResponseStatus) and /ISAPI/Streaming/channels, in the published XML shapes (namespace
// http://www.hikvision.com/ver20/XMLSchema, version="2.0"). It counts requests and rejected
// logins, and can misbehave: an endless answer, or no answer at all.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseAuthParams } from '../../media/rtsp/digest-auth.js';

export interface FakeIsapiChannel {
  name: string;
  codec?: 'H.264' | 'H.265';
  width?: number;
  height?: number;
}

export interface FakeIsapiOptions {
  username?: string;
  password?: string;
  /** nvr: IP channels under InputProxy; camera: only its streams. */
  kind?: 'nvr' | 'camera';
  model?: string;
  channels?: FakeIsapiChannel[];
  /** Answer this path with `bytes` of XML that never closes (a hostile device). */
  flood?: { path: string; bytes: number };
  /** Accept connections and never answer. */
  silent?: boolean;
}

export interface FakeIsapi {
  port: number;
  /** Every request, by path. */
  requests: string[];
  /** Requests whose Digest answer was wrong (failed logins as the device counts them). */
  rejected: number;
  close(): Promise<void>;
}

const NS = 'xmlns="http://www.hikvision.com/ver20/XMLSchema"';
const esc = (s: string): string => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

function deviceInfo(o: FakeIsapiOptions): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<DeviceInfo version="2.0" ${NS}>
<deviceName>${o.kind === 'camera' ? 'IP CAMERA' : 'Network Video Recorder'}</deviceName>
<deviceID>48354e30-3831-3538-3536-c0517e8c4f5a</deviceID>
<model>${esc(o.model ?? (o.kind === 'camera' ? 'DS-2CD2143G2-I' : 'DS-7608NI-K2'))}</model>
<serialNumber>DS-7608NI-K20820191234CCRRD12345678WCVU</serialNumber>
<macAddress>c0:51:7e:8c:4f:5a</macAddress>
<firmwareVersion>V4.30.085</firmwareVersion>
<firmwareReleasedDate>build 210824</firmwareReleasedDate>
<deviceType>${o.kind === 'camera' ? 'IPCamera' : 'NVR'}</deviceType>
</DeviceInfo>
`;
}

function inputProxy(channels: FakeIsapiChannel[]): string {
  const items = channels
    .map(
      (c, i) => `<InputProxyChannel version="2.0" ${NS}>
<id>${i + 1}</id>
<name>${esc(c.name)}</name>
<sourceInputPortDescriptor>
<proxyProtocol>HIKVISION</proxyProtocol>
<addressingFormatType>ipaddress</addressingFormatType>
<ipAddress>192.168.254.${i + 2}</ipAddress>
<managePortNo>8000</managePortNo>
<srcInputPort>1</srcInputPort>
<userName>admin</userName>
<streamType>auto</streamType>
</sourceInputPortDescriptor>
<enableAnr>false</enableAnr>
</InputProxyChannel>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<InputProxyChannelList version="2.0" ${NS}>\n${items}\n</InputProxyChannelList>\n`;
}

function streaming(channels: FakeIsapiChannel[]): string {
  const items = channels.flatMap((c, i) =>
    [1, 2].map((s) => {
      const main = s === 1;
      return `<StreamingChannel version="2.0" ${NS}>
<id>${i + 1}0${s}</id>
<channelName>${esc(c.name)}</channelName>
<enabled>true</enabled>
<Transport><ControlProtocolList><ControlProtocol><streamingTransport>RTSP</streamingTransport></ControlProtocol></ControlProtocolList></Transport>
<Video>
<enabled>true</enabled>
<videoInputChannelID>${i + 1}</videoInputChannelID>
<videoCodecType>${main ? (c.codec ?? 'H.264') : 'H.264'}</videoCodecType>
<videoScanType>progressive</videoScanType>
<videoResolutionWidth>${main ? (c.width ?? 1920) : 640}</videoResolutionWidth>
<videoResolutionHeight>${main ? (c.height ?? 1080) : 360}</videoResolutionHeight>
<videoQualityControlType>VBR</videoQualityControlType>
<maxFrameRate>2500</maxFrameRate>
</Video>
</StreamingChannel>`;
    }),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<StreamingChannelList version="2.0" ${NS}>\n${items.join('\n')}\n</StreamingChannelList>\n`;
}

const NOT_SUPPORTED = `<?xml version="1.0" encoding="UTF-8"?>
<ResponseStatus version="2.0" ${NS}>
<requestURL>/ISAPI/ContentMgmt/InputProxy/channels</requestURL>
<statusCode>4</statusCode>
<statusString>Invalid Operation</statusString>
<subStatusCode>notSupport</subStatusCode>
</ResponseStatus>
`;

export async function startFakeIsapi(options: FakeIsapiOptions = {}): Promise<FakeIsapi> {
  const o = { username: 'admin', password: 'Hik12345', kind: 'nvr' as const, channels: [{ name: 'Camera 01' }, { name: 'Camera 02' }], ...options };
  const realm = o.kind === 'camera' ? 'IP Camera(C1234)' : 'DS-7608NI-K2';
  const nonces = new Set<string>();
  const state = { requests: [] as string[], rejected: 0 };

  const challenge = (res: http.ServerResponse): void => {
    const nonce = randomBytes(16).toString('hex');
    nonces.add(nonce);
    res.writeHead(401, { 'WWW-Authenticate': `Digest qop="auth", realm="${realm}", nonce="${nonce}", stale="FALSE"`, 'Content-Type': 'application/xml' });
    res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<userCheck><statusValue>401</statusValue><statusString>Unauthorized</statusString></userCheck>\n`);
  };

  const authorised = (req: http.IncomingMessage): 'none' | 'ok' | 'wrong' => {
    const header = req.headers.authorization;
    if (!header || !/^Digest\s/i.test(header)) return 'none';
    const p = parseAuthParams(header.replace(/^Digest\s+/i, ''));
    if (!p.nonce || !nonces.has(p.nonce)) return 'none';
    const ha1 = md5(`${p.username}:${realm}:${o.password}`);
    const ha2 = md5(`GET:${p.uri}`);
    const expected = md5(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:${p.qop}:${ha2}`);
    return p.username === o.username && p.response === expected && p.uri === req.url ? 'ok' : 'wrong';
  };

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').replace(/\?.*$/, '');
    state.requests.push(path);
    if (o.silent) return;
    const auth = authorised(req);
    if (auth === 'wrong') state.rejected++;
    if (auth !== 'ok') return challenge(res);
    if (o.flood && path === o.flood.path) {
      res.writeHead(200, { 'Content-Type': 'application/xml' });
      const piece = Buffer.from(`<StreamingChannel><id>101</id>${'x'.repeat(64 * 1024)}`);
      let sent = 0;
      const pump = (): void => {
        while (sent < o.flood!.bytes) {
          sent += piece.length;
          if (!res.write(piece)) return void res.once('drain', pump);
        }
        res.end();
      };
      return pump();
    }
    const send = (status: number, body: string): void => {
      res.writeHead(status, { 'Content-Type': 'application/xml; charset="UTF-8"' });
      res.end(body);
    };
    if (path === '/ISAPI/System/deviceInfo') return send(200, deviceInfo(o));
    if (path === '/ISAPI/Streaming/channels') return send(200, streaming(o.channels));
    if (path === '/ISAPI/ContentMgmt/InputProxy/channels') return o.kind === 'nvr' ? send(200, inputProxy(o.channels)) : send(403, NOT_SUPPORTED);
    send(404, NOT_SUPPORTED.replace('notSupport', 'invalidOperation'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get requests() {
      return state.requests;
    },
    get rejected() {
      return state.rejected;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
