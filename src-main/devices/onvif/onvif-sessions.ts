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
  /** Playable profiles, best first; filled on first use. */
  ranked?: Promise<OnvifProfile[]>;
}

/** Video profiles Skywall can play, largest picture first (main, sub, third). */
export function rankProfiles(profiles: OnvifProfile[]): OnvifProfile[] {
  return profiles.filter((p) => p.codec !== null).sort((a, b) => b.width * b.height - a.width * a.height);
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

  /** Playable profiles, best first; `refresh` asks the device again. */
  async rankedProfiles(handle: DeviceHandle, refresh = false): Promise<OnvifProfile[]> {
    const s = await this.session(handle);
    if (!s.ranked || refresh) {
      const ranked = s.device.then((d) => d.profiles()).then(rankProfiles);
      s.ranked = ranked;
      // A failed read is not kept: the next call asks again.
      ranked.catch(() => {
        if (s.ranked === ranked) s.ranked = undefined;
      });
    }
    return s.ranked;
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
