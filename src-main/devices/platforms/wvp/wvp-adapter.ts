// WVP-GB28181-pro as a device adapter: the platform is one stored device; its GB28181 devices'
// channels are its cameras. Live: play/start, and of the StreamContent's URLs the one with the
// lowest latency that plays here: WS-FLV, then HTTP-FLV (both demuxed into the hub), then RTSP
// (the RTSP ingest). fMP4 and HLS are not taken (the hub cannot demux fMP4; HLS adds seconds).
// The URL holds for one play session: ZLMediaKit ends a stream nobody watches, so the stream
// service asks again (play/start) before every reconnect (`renewable`); play/stop when nothing
// pulls the channel any more, main/sub through the channel's stream choice (wvp-live.ts).
import { SkywallError } from '../../../common/model/errors.js';
import type { ChannelProfile } from '../../../common/model/source-key.js';
import type { ChannelRef, DeviceHandle, LiveSource } from '../../adapter.js';
import type { ChannelTarget, PlaybackCapability, PtzCapability, TimeRange } from '../../capabilities.js';
import { platformBaseUrl, platformIdsOf, type PlatformAdapter, type PlatformChannel, type PlatformListing } from '../platform-adapter.js';
import { registerPlayUrlSecrets } from '../play-url-secrets.js';
import { PresetRegistry } from '../preset-registry.js';
import { headingOf } from '../ptz-direction.js';
import { CODE_FAILED, WvpClient, type WvpConnection } from './wvp-client.js';
import { WvpLiveSessions, type WvpChannelIds } from './wvp-live.js';
import type { WvpStreamContent } from './wvp-schemas.js';

const PAGE_SIZE = 100;
/** Channels of one platform Skywall will import (a county has a few thousand). */
const MAX_CHANNELS = 4096;

interface Held {
  client: WvpClient;
  conn: WvpConnection;
}

/** The StreamContent URL to pull, best first (its token-like parts registered with the log redactor). */
export function pickWvpUrl(sc: WvpStreamContent, secure: boolean): LiveSource | undefined {
  const picked = pickUrl(sc, secure);
  if (picked) registerPlayUrlSecrets(picked.url);
  return picked;
}

function pickUrl(sc: WvpStreamContent, secure: boolean): LiveSource | undefined {
  const flvWs = secure ? (sc.wss_flv ?? sc.ws_flv) : (sc.ws_flv ?? sc.wss_flv);
  if (flvWs) return { kind: 'relay', url: flvWs, input: 'flv-ws', renewable: true };
  const flv = secure ? (sc.https_flv ?? sc.flv) : (sc.flv ?? sc.https_flv);
  if (flv) return { kind: 'relay', url: flv, input: 'flv-http', renewable: true };
  const rtsp = sc.rtsp ?? sc.rtsps;
  if (rtsp) return { kind: 'rtsp', url: rtsp, credentials: {}, renewable: true };
  return undefined;
}

/** WVP's time format, in the workstation's local time (WVP reads it as the platform's local time). */
export function wvpTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

function parseWvpTime(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return NaN;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])).getTime();
}

export interface WvpAdapterOptions {
  timeouts?: ConstructorParameters<typeof WvpClient>[1];
  /** Records per page when listing (default 100). */
  pageSize?: number;
}

export function createWvpAdapter(options: WvpAdapterOptions = {}): PlatformAdapter & { ptz: PtzCapability; playback: PlaybackCapability; clientFor(device: DeviceHandle): Promise<WvpClient>; sessions: WvpLiveSessions } {
  const held = new Map<string, Held>();
  const sessions = new WvpLiveSessions();
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const presets = new PresetRegistry();
  const lensMoving = new Map<string, 'focus' | 'iris'>(); // channel -> which a lens stop ends

  /** One client (and session) per platform; the connection follows edits of the device. */
  const clientFor = async (device: DeviceHandle): Promise<WvpClient> => {
    const creds = await device.credentials();
    const { baseUrl, pinSha256 } = platformBaseUrl(device.config);
    const conn: WvpConnection = { baseUrl, username: creds.username ?? device.config.username ?? '', password: creds.password ?? '', tls: { pinSha256 } };
    let h = held.get(device.config.id);
    if (!h) {
      const holder: Held = { conn, client: undefined as unknown as WvpClient };
      holder.client = new WvpClient(() => holder.conn, options.timeouts);
      h = holder;
      held.set(device.config.id, h);
    }
    h.conn = conn;
    return h.client;
  };

  const idsOf = (t: ChannelTarget): { deviceId: string; channelId: string } => {
    const ids = platformIdsOf(t.device.config, t.channel);
    if (!ids.deviceId) throw new SkywallError('not_found', 'this WVP camera has no GB28181 device id', { cameraId: t.channel.cameraId });
    return { deviceId: ids.deviceId, channelId: ids.channelId };
  };

  const listChannels = async (device: DeviceHandle): Promise<PlatformListing> => {
    const client = await clientFor(device);
    const channels: PlatformChannel[] = [];
    let pages = 0;
    for (let page = 1; ; page++) {
      const devices = await client.devicesPage(page, pageSize);
      pages++;
      for (const d of devices.list ?? []) {
        for (let cp = 1; ; cp++) {
          const chs = await client.channelsPage(d.deviceId, cp, pageSize);
          pages++;
          for (const c of chs.list ?? []) {
            channels.push({
              id: c.deviceId,
              name: (c.name ?? '').trim() || c.deviceId,
              profiles: [{ profile: 'main' }, { profile: 'sub' }],
              ptz: c.ptzType !== 3,
              online: d.onLine !== false && c.status === 'ON',
              subDevice: { id: c.parentDeviceId ?? d.deviceId, name: (d.name ?? '').trim() || d.deviceId },
              area: [(d.name ?? '').trim() || d.deviceId],
            });
            if (channels.length >= MAX_CHANNELS) return { channels, pages };
          }
          if (cp * pageSize >= chs.total || (chs.list ?? []).length === 0) break;
        }
      }
      if (page * pageSize >= devices.total || (devices.list ?? []).length === 0) break;
    }
    return { channels, pages };
  };

  const ptz: PtzCapability = {
    async continuousMove(t, velocity) {
      const { deviceId, channelId } = idsOf(t);
      const step = headingOf(velocity);
      const client = await clientFor(t.device);
      await client.ptz(deviceId, channelId, step.heading, Math.round(step.pan * 255), Math.round(step.tilt * 255), Math.round(step.zoom * 15));
    },
    async stop(t) {
      const { deviceId, channelId } = idsOf(t);
      await (await clientFor(t.device)).ptz(deviceId, channelId, 'stop', 0, 0, 0);
    },
    async lens(t, action, speed) {
      // WVP's front-end FI calls (GB/T 28181): iris "out" opens (0x48), "in" closes (0x44).
      const { deviceId, channelId } = idsOf(t);
      const client = await clientFor(t.device);
      const key = `${t.device.config.id}/${channelId}`;
      if (action === 'lens_stop') {
        const kind = lensMoving.get(key);
        if (!kind) return;
        lensMoving.delete(key);
        return client.fi(kind, deviceId, channelId, 'stop', 0);
      }
      if (action === 'focus_auto') throw new SkywallError('ptz_unsupported', 'WVP has no call for automatic focus', { cameraId: t.channel.cameraId });
      const kind = action === 'focus_near' || action === 'focus_far' ? 'focus' : 'iris';
      const command = ({ focus_near: 'near', focus_far: 'far', iris_open: 'out', iris_close: 'in' } as const)[action];
      const previous = lensMoving.get(key);
      if (previous && previous !== kind) await client.fi(previous, deviceId, channelId, 'stop', 0);
      lensMoving.set(key, kind);
      await client.fi(kind, deviceId, channelId, command, Math.max(1, Math.round(speed * 255)));
    },
    async presets(t) {
      const { deviceId, channelId } = idsOf(t);
      const key = `${t.device.config.id}/${channelId}`;
      try {
        const listed = await (await clientFor(t.device)).presetQuery(deviceId, channelId);
        if (listed) presets.remember(key, listed.map((p) => ({ token: String(p.presetId), name: (p.presetName ?? '').trim() || String(p.presetId) })));
      } catch (e) {
        // The device did not answer in WVP's 3 s (code 100) or the call timed out: answer from what we know.
        const slow = e instanceof SkywallError && (e.code === 'timeout' || (e.code === 'platform_refused' && e.params?.platformCode === CODE_FAILED));
        if (!slow) throw e;
      }
      return presets.list(key);
    },
    async gotoPreset(t, token) {
      const { deviceId, channelId } = idsOf(t);
      await (await clientFor(t.device)).preset('call', deviceId, channelId, presetNumber(token));
    },
    async setPreset(t, name, token) {
      const { deviceId, channelId } = idsOf(t);
      const key = `${t.device.config.id}/${channelId}`;
      const n = token !== undefined ? presetNumber(token) : presets.freeNumber(key);
      await (await clientFor(t.device)).preset('add', deviceId, channelId, n, name);
      presets.remember(key, [{ token: String(n), name }]);
      return String(n);
    },
    async removePreset(t, token) {
      const { deviceId, channelId } = idsOf(t);
      await (await clientFor(t.device)).preset('delete', deviceId, channelId, presetNumber(token));
      presets.forget(`${t.device.config.id}/${channelId}`, token);
    },
  };

  const playback: PlaybackCapability = {
    async recordings(t, range: TimeRange) {
      const { deviceId, channelId } = idsOf(t);
      const info = await (await clientFor(t.device)).recordQuery(deviceId, channelId, wvpTime(range.from), wvpTime(range.to));
      return (info.recordList ?? [])
        .map((r) => ({ from: Math.max(range.from, parseWvpTime(r.startTime)), to: Math.min(range.to, parseWvpTime(r.endTime)) }))
        .filter((r) => Number.isFinite(r.from) && Number.isFinite(r.to) && r.to > r.from)
        .sort((a, b) => a.from - b.from);
    },
    async replaySource(t, range: TimeRange) {
      const { deviceId, channelId } = idsOf(t);
      const sc = await (await clientFor(t.device)).playbackStart(deviceId, channelId, wvpTime(range.from), wvpTime(range.to));
      const picked = pickWvpUrl(sc, platformBaseUrl(t.device.config).baseUrl.startsWith('https:'));
      if (!picked) throw new SkywallError('unsupported_codec', 'WVP offered no FLV or RTSP URL for this playback');
      return { ...picked, renewable: false };
    },
  };

  const liveIds = (device: DeviceHandle, channel: ChannelRef): WvpChannelIds => {
    const ids = idsOf({ device, channel });
    return { ...ids, key: `${device.config.id}/${ids.deviceId}/${ids.channelId}` };
  };

  return {
    clientFor,
    sessions,
    listChannels,
    ptz,
    playback,
    async describe(device) {
      const { channels } = await listChannels(device);
      return { channels };
    },
    async liveSource(device, channel, profile: ChannelProfile) {
      if (profile !== 'main' && profile !== 'sub') throw new SkywallError('not_found', `WVP channels have no ${profile} stream`, { cameraId: channel.cameraId, profile });
      const ids = liveIds(device, channel);
      const client = await clientFor(device);
      const { content: sc } = await sessions.start(client, ids, profile);
      const { baseUrl, pinSha256 } = platformBaseUrl(device.config);
      const picked = pickWvpUrl(sc, baseUrl.startsWith('https:'));
      if (!picked) throw new SkywallError('unsupported_codec', 'WVP offered no FLV or RTSP URL for this channel', { cameraId: channel.cameraId });
      const secureMedia = /^(https|wss):/i.test(picked.url);
      return picked.kind === 'relay' && secureMedia && pinSha256 ? { ...picked, tls: { pinSha256 } } : picked;
    },
    async releaseLive(device, channel) {
      await sessions.release(await clientFor(device), liveIds(device, channel));
    },
  };
}

function presetNumber(token: string): number {
  const n = Number(token);
  if (!Number.isInteger(n) || n < 1 || n > 255) throw new SkywallError('bad_payload', `a WVP preset is a number 1-255, not ${JSON.stringify(token)}`, { path: 'presetToken' });
  return n;
}
