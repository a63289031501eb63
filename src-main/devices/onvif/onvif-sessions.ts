// One ONVIF connection per stored device, reused across describe, stream URIs and PTZ (connect
// costs three SOAP calls; a PTZ move must not). A refused login is remembered for those exact
// credentials, so a wrong password costs the device one rejected request until it is changed.
import { createHash } from 'node:crypto';
import { isSkywallError } from '../../common/model/errors.js';
import type { DeviceHandle } from '../adapter.js';
import { connectOnvif } from './onvif-device.js';
import type { OnvifConnectOptions, OnvifDevice, OnvifProfile } from './onvif-types.js';

export type OnvifConnect = (options: OnvifConnectOptions) => Promise<OnvifDevice>;

interface Session {
  /** Address and credentials this session was made with (password only as a hash). */
  identity: string;
  device: Promise<OnvifDevice>;
  /** Video channels with their playable profiles, best first; filled on first use. */
  channels?: Promise<OnvifChannel[]>;
}

/** One video input of the device (an NVR has one per camera it records). */
export interface OnvifChannel {
  /** The video source token ('' when the device names none). */
  sourceToken: string;
  /** Playable profiles, largest picture first (main, sub, third). */
  ranked: OnvifProfile[];
}

/** Video profiles Skywall can play, largest picture first (main, sub, third). */
export function rankProfiles(profiles: OnvifProfile[]): OnvifProfile[] {
  return profiles.filter((p) => p.codec !== null).sort((a, b) => b.width * b.height - a.width * a.height);
}

/** Profiles grouped by video source, in the device's order; sources with nothing playable are left out. */
export function groupChannels(profiles: OnvifProfile[]): OnvifChannel[] {
  const bySource = new Map<string, OnvifProfile[]>();
  for (const p of profiles) {
    const key = p.sourceToken ?? '';
    bySource.set(key, [...(bySource.get(key) ?? []), p]);
  }
  return [...bySource].map(([sourceToken, list]) => ({ sourceToken, ranked: rankProfiles(list) })).filter((c) => c.ranked.length > 0);
}

export class OnvifSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly timeoutMs?: number,
    private readonly connect: OnvifConnect = connectOnvif,
  ) {}

  /** The connected device, connecting (again) when the address or credentials changed. */
  async device(handle: DeviceHandle): Promise<OnvifDevice> {
    return (await this.session(handle)).device;
  }

  /** The device's video channels; `refresh` asks the device again. */
  async channels(handle: DeviceHandle, refresh = false): Promise<OnvifChannel[]> {
    const s = await this.session(handle);
    if (!s.channels || refresh) {
      const channels = s.device.then((d) => d.profiles()).then(groupChannels);
      s.channels = channels;
      // A failed read is not kept: the next call asks again.
      channels.catch(() => {
        if (s.channels === channels) s.channels = undefined;
      });
    }
    return s.channels;
  }

  /** Playable profiles of the first channel, best first (a camera's only channel). */
  async rankedProfiles(handle: DeviceHandle, refresh = false): Promise<OnvifProfile[]> {
    return (await this.channels(handle, refresh))[0]?.ranked ?? [];
  }

  /** Forget a device (removed, or its connection is known to be stale). */
  drop(deviceId: string): void {
    const s = this.sessions.get(deviceId);
    this.sessions.delete(deviceId);
    s?.device.then((d) => d.close()).catch(() => undefined);
  }

  close(): void {
    for (const id of [...this.sessions.keys()]) this.drop(id);
  }

  private async session(handle: DeviceHandle): Promise<Session> {
    const { id, host, port } = handle.config;
    const creds = await handle.credentials();
    const identity = createHash('sha256').update(JSON.stringify([host, port, creds.username ?? '', creds.password ?? ''])).digest('hex');
    const current = this.sessions.get(id);
    if (current && current.identity === identity) return current;
    if (current) this.drop(id);
    const options: OnvifConnectOptions = { host, port, ...creds, ...(this.timeoutMs !== undefined ? { timeoutMs: this.timeoutMs } : {}) };
    const session: Session = { identity, device: this.connect(options) };
    this.sessions.set(id, session);
    session.device.catch((e: unknown) => {
      // Refused credentials stay refused until they change; anything else may be retried.
      const refused = isSkywallError(e) && (e.code === 'auth_failed' || e.code === 'auth_locked');
      if (!refused && this.sessions.get(id) === session) this.sessions.delete(id);
    });
    return session;
  }
}
