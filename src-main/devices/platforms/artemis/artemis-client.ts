// Hikvision iSecure Center's Artemis OpenAPI as Skywall calls it: every call a signed JSON POST
// under /artemis (no session: the AK/SK sign each request). A refused signature (HTTP 401 or
// 403) latches: no further call is sent with that AK/SK until it changes, so a wrong key never
// turns into a stream of refused requests. The gateway's refusal echoes the string to sign and
// the key, so its body is never logged or shown.
import type { z } from 'zod';
import { registerSecret } from '../../../base/log/redact.js';
import { SkywallError } from '../../../common/model/errors.js';
import { describeCall, parseJson, platformRequest, type PlatformTls } from '../platform-http.js';
import { ArtemisCamera, ArtemisEnvelope, ArtemisOnline, artemisPage, ArtemisPreset, ArtemisRegion, ArtemisUrl } from './artemis-schemas.js';
import { signedJsonHeaders } from './artemis-signing.js';

export interface ArtemisConnection {
  /** https://host:port of the ISC gateway. */
  baseUrl: string;
  appKey: string;
  appSecret: string;
  tls?: PlatformTls | undefined;
}

export type ArtemisPtzCommand = 'LEFT' | 'RIGHT' | 'UP' | 'DOWN' | 'LEFT_UP' | 'LEFT_DOWN' | 'RIGHT_UP' | 'RIGHT_DOWN' | 'ZOOM_IN' | 'ZOOM_OUT' | 'GOTO_PRESET' | 'FOCUS_NEAR' | 'FOCUS_FAR' | 'IRIS_ENLARGE' | 'IRIS_REDUCE';

export class ArtemisClient {
  private refusedFor: string | undefined;
  private refusal: SkywallError | undefined;
  private sent = 0;

  constructor(
    private readonly conn: () => ArtemisConnection,
    private readonly timeoutMs = 10_000,
  ) {}

  /** Requests sent so far (tests: no storm after a refusal). */
  get requests(): number {
    return this.sent;
  }

  cameras(pageNo: number, pageSize: number) {
    return this.post('resource/v1/cameras', { pageNo, pageSize }, artemisPage(ArtemisCamera));
  }

  regions(pageNo: number, pageSize: number) {
    return this.post('resource/v1/regions', { pageNo, pageSize }, artemisPage(ArtemisRegion));
  }

  onlineStatus(indexCodes: string[]) {
    return this.post('nms/v1/online/camera/get', { pageNo: 1, pageSize: indexCodes.length, indexCodes }, artemisPage(ArtemisOnline));
  }

  /** streamType 0 main, 1 sub; protocol rtsp (into the hub); transmode 1 = TCP. */
  previewUrl(cameraIndexCode: string, streamType: 0 | 1) {
    return this.post('video/v2/cameras/previewURLs', { cameraIndexCode, streamType, protocol: 'rtsp', transmode: 1 }, ArtemisUrl);
  }

  playbackUrl(cameraIndexCode: string, beginTime: string, endTime: string) {
    return this.post('video/v2/cameras/playbackURLs', { cameraIndexCode, recordLocation: 1, protocol: 'rtsp', transmode: 1, beginTime, endTime }, ArtemisUrl);
  }

  /** action 0 starts, 1 stops the same command; speed 1-100. */
  async ptz(cameraIndexCode: string, action: 0 | 1, command: ArtemisPtzCommand, speed: number, presetIndex?: number): Promise<void> {
    await this.postRaw('video/v1/ptzs/controlling', { cameraIndexCode, action, command, speed, ...(presetIndex !== undefined ? { presetIndex } : {}) });
  }

  presets(cameraIndexCode: string) {
    return this.post('video/v1/presets/searches', { cameraIndexCode }, artemisPage(ArtemisPreset));
  }

  async addPreset(cameraIndexCode: string, presetIndex: number, presetName: string): Promise<void> {
    await this.postRaw('video/v1/presets/addition', { cameraIndexCode, presetIndex, presetName });
  }

  async deletePreset(cameraIndexCode: string, presetIndex: number): Promise<void> {
    await this.postRaw('video/v1/presets/deletion', { cameraIndexCode, presetIndex });
  }

  private async post<T extends z.ZodTypeAny>(call: string, body: Record<string, unknown>, schema: T): Promise<z.infer<T>> {
    const data = await this.postRaw(call, body);
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new SkywallError('protocol', `${describeCall(call, new URL(this.conn().baseUrl))} answered an unexpected shape: ${parsed.error.issues[0]?.path.join('.') ?? ''}`, { call });
    return parsed.data as z.infer<T>;
  }

  private async postRaw(call: string, body: Record<string, unknown>): Promise<unknown> {
    const c = this.conn();
    const identity = `${c.baseUrl}\n${c.appKey}\n${c.appSecret}`;
    if (this.refusedFor === identity && this.refusal) throw this.refusal;
    registerSecret(c.appSecret);
    const path = `/artemis/api/${call}`;
    const url = new URL(path, c.baseUrl);
    const text = JSON.stringify(body);
    this.sent++;
    const answer = await platformRequest({ method: 'POST', url, body: text, timeoutMs: this.timeoutMs, call, tls: c.tls, headers: signedJsonHeaders(c.appKey, c.appSecret, path) });
    if (answer.status === 401 || answer.status === 403) {
      this.refusedFor = identity;
      this.refusal = new SkywallError('auth_failed', `${describeCall(call, url)} refused the AppKey/AppSecret signature (HTTP ${answer.status})`, { call, reason: 'signature' });
      throw this.refusal;
    }
    if (answer.status === 404) throw new SkywallError('not_found', `${describeCall(call, url)} is not offered by this platform (HTTP 404)`, { call, status: 404 });
    const env = ArtemisEnvelope.safeParse(parseJson(answer, call, url));
    if (!env.success) throw new SkywallError('protocol', `${describeCall(call, url)} answered HTTP ${answer.status} without the {code, msg} envelope`, { call, status: answer.status });
    if (String(env.data.code) !== '0') {
      throw new SkywallError('platform_refused', `${describeCall(call, url)} answered code ${String(env.data.code)}`, { call, platformCode: String(env.data.code), msg: (env.data.msg ?? '').slice(0, 200) });
    }
    return env.data.data;
  }
}
