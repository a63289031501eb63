// Demo ONVIF device: an HTTP SOAP 1.2 server with the Device, Media, Media2, PTZ and Imaging services
// (and Recording, Search and Replay when it is given recordings),
// WS-UsernameToken and HTTP Digest authentication, a skewable clock and a simulated PTZ head.
// Used by the first-run demo and by tests; every PTZ and Imaging command and auth decision is logged.

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deviceService, isPreAuth, scopeItems } from './device-service.js';
import { startDiscoveryResponder, type DiscoveryResponder } from './discovery-responder.js';
import { DigestAuthority } from './http-digest.js';
import { media2Service, mediaService } from './media-service.js';
import type { StubPreset } from './ptz-presets.js';
import { PresetStore } from './ptz-presets.js';
import { ptzService } from './ptz-service.js';
import { recordingService, replayService, searchService } from './recording-services.js';
import { ImagingState, imagingService } from './imaging-service.js';
import { PtzSimulator, type MoveState, type PtzVector } from './ptz-simulator.js';
import { NS, SoapFault, envelope, faultXml, faults } from './soap-writer.js';
import { decideAuth, type AuthScheme } from './stub-auth.js';
import type { CommandDetails, ImagingLogEntry, PtzLogEntry, StubContext, StubService } from './stub-context.js';
import { resolveStubOptions, type OnvifStubOptions } from './stub-options.js';
import { NonceMemory } from './wsse-verify.js';
import { child, parseXml, XmlSyntaxError, type XmlElement } from './xml-reader.js';

export interface AuthLogEntry {
  at: number;
  path: string;
  action: string;
  scheme: AuthScheme;
  /** challenge: no credentials were sent; denied: credentials were sent and rejected */
  outcome: 'ok' | 'challenge' | 'denied';
  reason?: string;
}

export interface RequestLogEntry {
  at: number;
  path: string;
  action: string;
  status: number;
}

export interface OnvifStubState {
  position: PtzVector;
  moveStatus: { panTilt: MoveState; zoom: MoveState };
  home: PtzVector;
  /** presets by profile token */
  presets: Record<string, StubPreset[]>;
}

export interface OnvifStub {
  /** device service URL, e.g. http://127.0.0.1:40123/onvif/device_service */
  readonly xaddr: string;
  readonly host: string;
  readonly port: number;
  readonly ptzLog: readonly PtzLogEntry[];
  /** every Imaging request (focus, iris), with its arrival time */
  readonly imagingLog: readonly ImagingLogEntry[];
  readonly authLog: readonly AuthLogEntry[];
  readonly requestLog: readonly RequestLogEntry[];
  /** computed when read: the simulated head moves with time */
  readonly state: OnvifStubState;
  /** UDP port answering WS-Discovery probes (with `discovery: true`) */
  readonly discoveryPort: number | undefined;
  /** authentication attempts that carried wrong credentials */
  failedAuthAttempts(): number;
  setClockOffsetSec(sec: number): void;
  close(): Promise<void>;
}

const MAX_BODY = 1 << 20;
const MAX_LOG = 5000;
const DIGEST_REALM = 'Skywall Demo ONVIF';

function pushCapped<T>(list: T[], entry: T): void {
  list.push(entry);
  if (list.length > MAX_LOG) list.splice(0, list.length - MAX_LOG);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, xml: string, headers: Record<string, string> = {}): void {
  const body = Buffer.from(xml, 'utf8');
  res.writeHead(status, { 'Content-Type': 'application/soap+xml; charset=utf-8', 'Content-Length': body.length, ...headers });
  res.end(body);
}

export async function startOnvifStub(options: OnvifStubOptions): Promise<OnvifStub> {
  const opts = resolveStubOptions(options);
  const ptzLog: PtzLogEntry[] = [];
  const imagingLog: ImagingLogEntry[] = [];
  const authLog: AuthLogEntry[] = [];
  const requestLog: RequestLogEntry[] = [];
  const nonces = new NonceMemory(Math.max(60_000, opts.wsseToleranceSec * 2000));
  const digest = new DigestAuthority(DIGEST_REALM);
  // Addresses are filled in once the port is known; requests cannot arrive before that.
  const c: StubContext = {
    opts: { ...opts },
    ptz: new PtzSimulator(opts.ptzUnitsPerSec),
    presets: new PresetStore(opts.maxPresets),
    imaging: new ImagingState(),
    ptzHome: { x: 0, y: 0, zoom: 0 },
    deviceNow: () => Date.now() + c.opts.clockOffsetSec * 1000,
    xaddrs: { device: '', media: '', media2: '', ptz: '', imaging: '', recording: '', search: '', replay: '' },
    baseUrl: '',
  };

  const services = new Map<string, StubService>([
    ['/onvif/device_service', deviceService],
    ['/onvif/media_service', mediaService],
    ['/onvif/ptz_service', ptzService],
  ]);
  if (opts.media2) services.set('/onvif/media2_service', media2Service);
  if (opts.imaging) services.set('/onvif/imaging_service', imagingService);
  if (opts.recordings.length > 0) {
    services.set('/onvif/recording_service', recordingService);
    services.set('/onvif/search_service', searchService);
    services.set('/onvif/replay_service', replayService);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = req.url ?? '/';
    const path = url.split('?')[0];
    if (req.method === 'GET' && /^\/snapshot\/(main|sub)\.jpg$/.test(path)) {
      if (!opts.snapshotJpeg) return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': opts.snapshotJpeg.length });
      return void res.end(opts.snapshotJpeg);
    }
    const service = services.get(path);
    if (!service) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('no such service');
    if (req.method !== 'POST') return void res.writeHead(405, { Allow: 'POST' }).end();

    let action = '?';
    const reply = (status: number, xml: string, headers?: Record<string, string>): void => {
      pushCapped(requestLog, { at, path, action, status });
      send(res, status, envelope(xml), headers);
    };
    const text = await readBody(req);
    if (text === null) return reply(413, faultXml(faults.wellFormed('request body too large')));

    let op: XmlElement;
    let env: XmlElement;
    try {
      env = parseXml(text);
      if (env.name !== 'Envelope') throw faults.wellFormed('root element is not Envelope');
      if (env.ns !== NS.env) throw faults.versionMismatch();
      const first = child(env, 'Body')?.children[0];
      if (!first) throw faults.wellFormed('empty Body');
      op = first;
      action = op.name;
      if (op.ns !== service.ns) throw faults.actionNotSupported(`${op.ns} ${op.name}`);
    } catch (e) {
      const f = e instanceof SoapFault ? e : faults.wellFormed(e instanceof XmlSyntaxError ? e.message : 'unreadable XML');
      return reply(f.httpStatus, faultXml(f));
    }

    const isPtz = service === ptzService;
    const details: CommandDetails = {};
    const logPtz = (outcome: PtzLogEntry['outcome'], fault?: string): void => {
      if (service === imagingService) pushCapped(imagingLog, { at, action, ...details, outcome, ...(fault ? { fault } : {}) });
      if (!isPtz) return;
      const profileToken = child(op, 'ProfileToken')?.text.trim();
      pushCapped(ptzLog, { at, action, profileToken, ...details, outcome, ...(fault ? { fault } : {}) });
    };

    if (!(service === deviceService && isPreAuth(action, opts.preAuthDiscovery))) {
      const d = decideAuth({
        mode: opts.auth,
        envelope: env,
        authorization: req.headers.authorization,
        method: req.method ?? 'POST',
        url,
        username: opts.username,
        password: opts.password,
        deviceNowMs: c.deviceNow(),
        wsseToleranceMs: opts.wsseToleranceSec * 1000,
        nonces,
        digest,
      });
      if (d.kind === 'ok') {
        pushCapped(authLog, { at, path, action, scheme: d.scheme, outcome: 'ok' });
      } else {
        const scheme = d.kind === 'denied' ? d.scheme : 'none';
        pushCapped(authLog, { at, path, action, scheme, outcome: d.kind, ...(d.kind === 'denied' ? { reason: d.reason } : {}) });
        logPtz(d.kind === 'denied' ? 'denied' : 'challenged');
        const headers: Record<string, string> = d.digestChallenge ? { 'WWW-Authenticate': d.digestChallenge } : {};
        return reply(d.httpStatus, faultXml(faults.notAuthorized()), headers);
      }
    }

    try {
      const xml = service.handle(action, op, c, details);
      logPtz('ok');
      reply(200, xml);
    } catch (e) {
      const f = e instanceof SoapFault ? e : new SoapFault('Receiver', ['ter:Action'], 'Internal error in the demo device');
      logPtz('fault', f.subcodes.join(' '));
      reply(f.httpStatus, faultXml(f));
    }
  }

  const server = createServer((req, res) => {
    if (!c.baseUrl) return void res.writeHead(503).end();
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const baseUrl = `http://${hostForUrl}:${port}`;
  c.opts.port = port;
  c.xaddrs = {
    device: `${baseUrl}/onvif/device_service`,
    media: `${baseUrl}/onvif/media_service`,
    media2: `${baseUrl}/onvif/media2_service`,
    ptz: `${baseUrl}/onvif/ptz_service`,
    imaging: `${baseUrl}/onvif/imaging_service`,
    recording: `${baseUrl}/onvif/recording_service`,
    search: `${baseUrl}/onvif/search_service`,
    replay: `${baseUrl}/onvif/replay_service`,
  };
  c.baseUrl = baseUrl;
  const endpoint = `urn:uuid:${randomUUID()}`;
  let discovery: DiscoveryResponder | undefined;
  if (opts.discovery) {
    discovery = await startDiscoveryResponder(opts.host, () => ({ endpoint, xaddr: c.xaddrs.device, scopes: scopeItems(c) }));
  }

  return {
    xaddr: c.xaddrs.device,
    host: opts.host,
    port,
    ptzLog,
    imagingLog,
    authLog,
    requestLog,
    get state(): OnvifStubState {
      return { position: c.ptz.position(), moveStatus: c.ptz.moveStatus(), home: { ...c.ptzHome }, presets: c.presets.snapshot() };
    },
    discoveryPort: discovery?.port,
    failedAuthAttempts: () => authLog.filter((e) => e.outcome === 'denied').length,
    setClockOffsetSec(sec: number) {
      c.opts.clockOffsetSec = sec;
    },
    close: async () => {
      await discovery?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
