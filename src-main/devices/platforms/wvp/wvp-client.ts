// WVP-GB28181-pro's REST API as Skywall calls it: login with the md5 of the password, the
// `access-token` header on every call, and the `{code, msg, data}` envelope read whatever the
// HTTP status (200 with code 100 for business errors, 400/500 for bad parameters, 401 for an
// expired token). An expired token throws SessionExpired, which the session answers with one
// silent login. Play and record calls wait long: WVP itself waits up to 10 s (play) and 15 s
// (record query) for the device.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { registerSecret } from '../../../base/log/redact.js';
import { SkywallError } from '../../../common/model/errors.js';
import { describeCall, parseJson, platformRequest, type PlatformTls } from '../platform-http.js';
import { PlatformSession, SessionExpired } from '../platform-session.js';
import { pageInfo, WvpChannel, WvpDevice, WvpEnvelope, WvpLogin, WvpPreset, WvpRecordInfo, WvpStreamContent } from './wvp-schemas.js';

export interface WvpConnection {
  /** http(s)://host:port of WVP (its API lives under /api). */
  baseUrl: string;
  username: string;
  password: string;
  tls?: PlatformTls | undefined;
}

export interface WvpTimeouts {
  callMs: number;
  playMs: number;
  recordMs: number;
}

const DEFAULT_TIMEOUTS: WvpTimeouts = { callMs: 8000, playMs: 15_000, recordMs: 20_000 };

/** WVP's code for "not logged in / token expired", in the body and as the HTTP status. */
const CODE_UNAUTHORIZED = 401;
/** Business error (wrong password on login, device timeout, ...): `msg` says what. */
export const CODE_FAILED = 100;

export type PtzDirection = 'left' | 'right' | 'up' | 'down' | 'upleft' | 'upright' | 'downleft' | 'downright' | 'zoomin' | 'zoomout' | 'stop';

export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

export class WvpClient {
  readonly session: PlatformSession<string>;
  private readonly timeouts: WvpTimeouts;

  constructor(
    private readonly conn: () => WvpConnection,
    timeouts: Partial<WvpTimeouts> = {},
  ) {
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...timeouts };
    this.session = new PlatformSession<string>({
      login: () => this.login(),
      identity: () => {
        const c = this.conn();
        return `${c.baseUrl}\n${c.username}\n${md5Hex(c.password)}\n${c.tls?.pinSha256 ?? ''}`;
      },
    });
  }

  devicesPage(page: number, count: number) {
    return this.get('device/query/devices', '/api/device/query/devices', { page, count }, pageInfo(WvpDevice));
  }

  /** `query` narrows the page to channels whose name or id contains it. */
  channelsPage(deviceId: string, page: number, count: number, query?: string) {
    return this.get('device/query/channels', `/api/device/query/devices/${enc(deviceId)}/channels`, { page, count, ...(query ? { query } : {}) }, pageInfo(WvpChannel));
  }

  /** Which stream of the channel the next play/start asks the device for (a setting of the channel in WVP). */
  async setStreamIdentification(channelDbId: number, deviceDbId: number | undefined, streamIdentification: string): Promise<void> {
    const query = { id: channelDbId, ...(deviceDbId !== undefined ? { deviceDbId } : {}), streamIdentification };
    await this.getRaw('channel/stream/identification/update', '/api/device/query/channel/stream/identification/update/', query, this.timeouts.callMs, 'POST');
  }

  playStart(deviceId: string, channelId: string) {
    return this.get('play/start', `/api/play/start/${enc(deviceId)}/${enc(channelId)}`, {}, WvpStreamContent, this.timeouts.playMs);
  }

  async playStop(deviceId: string, channelId: string): Promise<void> {
    await this.getRaw('play/stop', `/api/play/stop/${enc(deviceId)}/${enc(channelId)}`, {});
  }

  /** Speeds: pan/tilt 0-255, zoom 0-15. zoomSpeed is always sent: without it WVP defaults to 16 and refuses it. */
  async ptz(deviceId: string, channelId: string, command: PtzDirection, horizonSpeed: number, verticalSpeed: number, zoomSpeed: number): Promise<void> {
    await this.getRaw('front-end/ptz', `/api/front-end/ptz/${enc(deviceId)}/${enc(channelId)}`, { command, horizonSpeed, verticalSpeed, zoomSpeed });
  }

  /** Focus (near, far) or iris (in: narrower, out: wider), and their stop; speed 0-255. */
  async fi(kind: 'focus' | 'iris', deviceId: string, channelId: string, command: 'near' | 'far' | 'in' | 'out' | 'stop', speed: number): Promise<void> {
    await this.getRaw(`front-end/fi/${kind}`, `/api/front-end/fi/${kind}/${enc(deviceId)}/${enc(channelId)}`, { command, speed });
  }

  async presetQuery(deviceId: string, channelId: string): Promise<Array<z.infer<typeof WvpPreset>> | undefined> {
    const data = await this.getRaw('front-end/preset/query', `/api/front-end/preset/query/${enc(deviceId)}/${enc(channelId)}`, {});
    const parsed = WvpPreset.array().safeParse(data);
    return parsed.success ? parsed.data : undefined; // older versions answer a plain text: use the registry
  }

  async preset(action: 'add' | 'call' | 'delete', deviceId: string, channelId: string, presetId: number, presetName?: string): Promise<void> {
    await this.getRaw(`front-end/preset/${action}`, `/api/front-end/preset/${action}/${enc(deviceId)}/${enc(channelId)}`, { presetId, ...(presetName !== undefined ? { presetName } : {}) });
  }

  recordQuery(deviceId: string, channelId: string, startTime: string, endTime: string) {
    return this.get('gb_record/query', `/api/gb_record/query/${enc(deviceId)}/${enc(channelId)}`, { startTime, endTime }, WvpRecordInfo, this.timeouts.recordMs);
  }

  playbackStart(deviceId: string, channelId: string, startTime: string, endTime: string) {
    return this.get('playback/start', `/api/playback/start/${enc(deviceId)}/${enc(channelId)}`, { startTime, endTime }, WvpStreamContent, this.timeouts.playMs);
  }

  private async login(): Promise<string> {
    const c = this.conn();
    const url = this.url('/api/user/login', { username: c.username, password: md5Hex(c.password) });
    const env = await this.exchange('user/login', url, undefined, this.timeouts.callMs);
    if (env.code !== 0) {
      // Wrong credentials are HTTP 200 with code 100 (WVP's own message says which).
      if (env.code === CODE_FAILED || env.code === CODE_UNAUTHORIZED) {
        throw new SkywallError('auth_failed', `${describeCall('user/login', url)} refused the credentials (code ${env.code})`, { call: 'user/login', platformCode: env.code, msg: env.msg ?? '' });
      }
      throw refused('user/login', url, env);
    }
    const data = WvpLogin.safeParse(env.data);
    if (!data.success) throw new SkywallError('protocol', `${describeCall('user/login', url)} answered without an accessToken`, { call: 'user/login' });
    registerSecret(data.data.accessToken);
    return data.data.accessToken;
  }

  private async get<T extends z.ZodTypeAny>(call: string, path: string, query: Record<string, string | number>, schema: T, timeoutMs = this.timeouts.callMs): Promise<z.infer<T>> {
    const data = await this.getRaw(call, path, query, timeoutMs);
    const url = this.url(path, {});
    if (data === null || data === undefined) throw new SkywallError('not_found', `${describeCall(call, url)} answered no data`, { call });
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new SkywallError('protocol', `${describeCall(call, url)} answered an unexpected shape: ${parsed.error.issues[0]?.path.join('.') ?? ''}`, { call });
    return parsed.data as z.infer<T>;
  }

  private async getRaw(call: string, path: string, query: Record<string, string | number>, timeoutMs = this.timeouts.callMs, method: 'GET' | 'POST' = 'GET'): Promise<unknown> {
    return this.session.run(async (token) => {
      const url = this.url(path, query);
      const env = await this.exchange(call, url, token, timeoutMs, method);
      if (env.code === CODE_UNAUTHORIZED) throw new SessionExpired(call);
      if (env.code !== 0) throw refused(call, url, env);
      return env.data;
    });
  }

  private async exchange(call: string, url: URL, token: string | undefined, timeoutMs: number, method: 'GET' | 'POST' = 'GET'): Promise<WvpEnvelope> {
    const answer = await platformRequest({ method, url, timeoutMs, call, tls: this.conn().tls, headers: { accept: 'application/json', ...(token ? { 'access-token': token } : {}) } });
    if (answer.status === 401) return { code: CODE_UNAUTHORIZED, msg: 'token expired' };
    if (answer.status === 404) throw new SkywallError('not_found', `${describeCall(call, url)} is not offered by this WVP version (HTTP 404)`, { call, status: 404 });
    const env = WvpEnvelope.safeParse(parseJson(answer, call, url));
    if (!env.success) throw new SkywallError('protocol', `${describeCall(call, url)} answered HTTP ${answer.status} without the {code, msg} envelope`, { call, status: answer.status });
    return env.data;
  }

  private url(path: string, query: Record<string, string | number>): URL {
    const url = new URL(path, this.conn().baseUrl);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, String(v));
    return url;
  }
}

function enc(id: string): string {
  return encodeURIComponent(id);
}

/** WVP said no: its own message goes to the operator (it is Chinese already), the call to the log. */
function refused(call: string, url: URL, env: WvpEnvelope): SkywallError {
  return new SkywallError('platform_refused', `${describeCall(call, url)} answered code ${env.code}: ${env.msg ?? ''}`, { call, platformCode: env.code, msg: (env.msg ?? '').slice(0, 200) });
}
