// Hikvision iSecure Center (Artemis OpenAPI) as a device adapter: the platform is one stored
// device (AppKey as its user name, AppSecret in the vault); its cameras are the ISC cameras,
// placed in ISC's region tree. Live: previewURLs with protocol rtsp (the RTSP ingest, same path
// as a direct camera), main or sub stream; the URL carries a short-lived token, so it is asked
// for again before every reconnect. HTTPS is trusted only through a pinned certificate.
import { SkywallError } from '../../../common/model/errors.js';
import type { ChannelProfile } from '../../../common/model/source-key.js';
import type { DeviceHandle } from '../../adapter.js';
import type { ChannelTarget, PlaybackCapability, PtzCapability, PtzLensAction, TimeRange } from '../../capabilities.js';
import { platformBaseUrl, platformIdsOf, type PlatformAdapter, type PlatformChannel, type PlatformListing } from '../platform-adapter.js';
import { registerPlayUrlSecrets } from '../play-url-secrets.js';
import { PresetRegistry } from '../preset-registry.js';
import { headingOf, type PtzHeading } from '../ptz-direction.js';
import { ArtemisClient, type ArtemisConnection, type ArtemisPtzCommand } from './artemis-client.js';
import type { ArtemisRegion } from './artemis-schemas.js';

const PAGE_SIZE = 500;
const MAX_CHANNELS = 4096;

const COMMANDS: Record<Exclude<PtzHeading, 'stop'>, ArtemisPtzCommand> = {
  left: 'LEFT',
  right: 'RIGHT',
  up: 'UP',
  down: 'DOWN',
  upleft: 'LEFT_UP',
  upright: 'RIGHT_UP',
  downleft: 'LEFT_DOWN',
  downright: 'RIGHT_DOWN',
  zoomin: 'ZOOM_IN',
  zoomout: 'ZOOM_OUT',
};

const LENS: Partial<Record<PtzLensAction, ArtemisPtzCommand>> = { focus_near: 'FOCUS_NEAR', focus_far: 'FOCUS_FAR', iris_open: 'IRIS_ENLARGE', iris_close: 'IRIS_REDUCE' };

/** ISO 8601 with the workstation's offset, as ISC expects (2026-12-03T08:00:00.000+08:00). */
export function artemisTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');
  const off = -d.getTimezoneOffset();
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}${off >= 0 ? '+' : '-'}${p(Math.trunc(off / 60))}:${p(off % 60)}`;
}

/** Region names from the root down to `code` (cycles and unknown parents end the walk). */
export function regionPath(code: string | null | undefined, byCode: Map<string, ArtemisRegion>): string[] {
  const path: string[] = [];
  const seen = new Set<string>();
  for (let c = code ?? undefined; c && !seen.has(c); ) {
    seen.add(c);
    const r = byCode.get(c);
    if (!r) break;
    path.unshift((r.name ?? '').trim() || r.indexCode);
    c = r.parentIndexCode ?? undefined;
  }
  return path;
}

export interface ArtemisAdapterOptions {
  pageSize?: number;
  timeoutMs?: number;
}

export function createArtemisAdapter(options: ArtemisAdapterOptions = {}): PlatformAdapter & { ptz: PtzCapability; playback: PlaybackCapability; clientFor(device: DeviceHandle): Promise<ArtemisClient> } {
  const held = new Map<string, { client: ArtemisClient; conn: ArtemisConnection }>();
  const presets = new PresetRegistry();
  const moving = new Map<string, ArtemisPtzCommand>(); // camera -> the command a stop must repeat
  const lensMoving = new Map<string, ArtemisPtzCommand>(); // the same for focus and iris
  const pageSize = options.pageSize ?? PAGE_SIZE;

  const clientFor = async (device: DeviceHandle): Promise<ArtemisClient> => {
    const creds = await device.credentials();
    const { baseUrl, pinSha256 } = platformBaseUrl(device.config);
    const conn: ArtemisConnection = { baseUrl, appKey: creds.username ?? device.config.username ?? '', appSecret: creds.password ?? '', tls: { pinSha256 } };
    let h = held.get(device.config.id);
    if (!h) {
      const holder = { conn, client: undefined as unknown as ArtemisClient };
      holder.client = new ArtemisClient(() => holder.conn, options.timeoutMs);
      h = holder;
      held.set(device.config.id, h);
    }
    h.conn = conn;
    return h.client;
  };

  const codeOf = (t: ChannelTarget): string => platformIdsOf(t.device.config, t.channel).channelId;

  const listChannels = async (device: DeviceHandle): Promise<PlatformListing> => {
    const client = await clientFor(device);
    let pages = 0;
    const regions = new Map<string, ArtemisRegion>();
    try {
      for (let p = 1; ; p++) {
        const page = await client.regions(p, pageSize);
        pages++;
        for (const r of page.list ?? []) regions.set(r.indexCode, r);
        if (p * pageSize >= page.total || !(page.list ?? []).length) break;
      }
    } catch (e) {
      // An account without the region API still lists its cameras, unplaced.
      if (!(e instanceof SkywallError) || (e.code !== 'not_found' && e.code !== 'platform_refused')) throw e;
    }
    const channels: PlatformChannel[] = [];
    for (let p = 1; ; p++) {
      const page = await client.cameras(p, pageSize);
      pages++;
      for (const c of page.list ?? []) {
        const area = regionPath(c.regionIndexCode, regions);
        channels.push({
          id: c.cameraIndexCode,
          name: (c.cameraName ?? '').trim() || c.cameraIndexCode,
          profiles: [{ profile: 'main' }, { profile: 'sub' }],
          ptz: c.cameraType === 2 || c.cameraType === 3,
          online: true,
          ...(area.length ? { area } : {}),
        });
        if (channels.length >= MAX_CHANNELS) break;
      }
      if (channels.length >= MAX_CHANNELS || p * pageSize >= page.total || !(page.list ?? []).length) break;
    }
    // Online state comes from a separate API; a platform without it leaves every camera "online".
    try {
      for (let i = 0; i < channels.length; i += pageSize) {
        const batch = channels.slice(i, i + pageSize);
        const status = await client.onlineStatus(batch.map((c) => c.id));
        pages++;
        const byCode = new Map((status.list ?? []).map((s) => [s.indexCode, s.online]));
        for (const c of batch) if (byCode.has(c.id)) c.online = byCode.get(c.id) === 1;
      }
    } catch (e) {
      if (!(e instanceof SkywallError) || (e.code !== 'not_found' && e.code !== 'platform_refused')) throw e;
    }
    return { channels, pages };
  };

  const ptz: PtzCapability = {
    async continuousMove(t, velocity) {
      const code = codeOf(t);
      const step = headingOf(velocity);
      if (step.heading === 'stop') return ptz.stop(t);
      const command = COMMANDS[step.heading];
      const speed = Math.max(1, Math.round(Math.max(step.pan, step.tilt, step.zoom) * 100));
      const client = await clientFor(t.device);
      const previous = moving.get(code);
      // A new direction: stop the old one first, since ISC stops by repeating the command.
      if (previous && previous !== command) await client.ptz(code, 1, previous, 50);
      moving.set(code, command);
      await client.ptz(code, 0, command, speed);
    },
    async stop(t) {
      const code = codeOf(t);
      const command = moving.get(code) ?? 'LEFT';
      moving.delete(code);
      await (await clientFor(t.device)).ptz(code, 1, command, 50);
    },
    async lens(t, action, speed) {
      // Focus and iris start and stop like moves: the stop repeats the command it ends.
      const code = codeOf(t);
      const client = await clientFor(t.device);
      const previous = lensMoving.get(code);
      if (action === 'lens_stop') {
        if (!previous) return;
        lensMoving.delete(code);
        return client.ptz(code, 1, previous, 50);
      }
      const command = LENS[action];
      if (!command) throw new SkywallError('ptz_unsupported', 'ISC has no command for automatic focus', { cameraId: t.channel.cameraId });
      if (previous && previous !== command) await client.ptz(code, 1, previous, 50);
      lensMoving.set(code, command);
      await client.ptz(code, 0, command, Math.max(1, Math.round(speed * 100)));
    },
    async presets(t) {
      const code = codeOf(t);
      const key = `${t.device.config.id}/${code}`;
      try {
        const found = await (await clientFor(t.device)).presets(code);
        presets.remember(key, (found.list ?? []).map((p) => ({ token: String(p.presetPointIndex), name: (p.presetPointName ?? '').trim() || String(p.presetPointIndex) })));
      } catch (e) {
        if (!(e instanceof SkywallError) || !['timeout', 'platform_refused', 'not_found'].includes(e.code)) throw e;
      }
      return presets.list(key);
    },
    async gotoPreset(t, token) {
      await (await clientFor(t.device)).ptz(codeOf(t), 0, 'GOTO_PRESET', 50, presetNumber(token));
    },
    async setPreset(t, name, token) {
      const code = codeOf(t);
      const key = `${t.device.config.id}/${code}`;
      const n = token !== undefined ? presetNumber(token) : presets.freeNumber(key);
      await (await clientFor(t.device)).addPreset(code, n, name);
      presets.remember(key, [{ token: String(n), name }]);
      return String(n);
    },
    async removePreset(t, token) {
      const code = codeOf(t);
      await (await clientFor(t.device)).deletePreset(code, presetNumber(token));
      presets.forget(`${t.device.config.id}/${code}`, token);
    },
  };

  const playback: PlaybackCapability = {
    async recordings(t, range: TimeRange) {
      // playbackURLs answers the recorded pieces of the span with the URL.
      const answer = await (await clientFor(t.device)).playbackUrl(codeOf(t), artemisTime(range.from), artemisTime(range.to));
      const list = (answer as { list?: Array<{ beginTime?: string; endTime?: string }> }).list ?? [];
      return list
        .map((r) => ({ from: Math.max(range.from, Date.parse(r.beginTime ?? '')), to: Math.min(range.to, Date.parse(r.endTime ?? '')) }))
        .filter((r) => Number.isFinite(r.from) && Number.isFinite(r.to) && r.to > r.from)
        .sort((a, b) => a.from - b.from);
    },
    async replaySource(t, range: TimeRange) {
      const answer = await (await clientFor(t.device)).playbackUrl(codeOf(t), artemisTime(range.from), artemisTime(range.to));
      registerPlayUrlSecrets(answer.url);
      return { kind: 'rtsp', url: answer.url, credentials: {} };
    },
  };

  return {
    clientFor,
    listChannels,
    ptz,
    playback,
    async describe(device) {
      return { channels: (await listChannels(device)).channels };
    },
    async liveSource(device, channel, profile: ChannelProfile) {
      if (profile === 'third') throw new SkywallError('not_found', 'ISC cameras offer main and sub streams', { cameraId: channel.cameraId, profile });
      const code = platformIdsOf(device.config, channel).channelId;
      const answer = await (await clientFor(device)).previewUrl(code, profile === 'main' ? 0 : 1);
      if (!/^rtsps?:\/\//i.test(answer.url)) throw new SkywallError('unsupported_codec', 'ISC answered a preview URL that is not RTSP', { cameraId: channel.cameraId });
      registerPlayUrlSecrets(answer.url);
      return { kind: 'rtsp', url: answer.url, credentials: {}, renewable: true };
    },
  };
}

function presetNumber(token: string): number {
  const n = Number(token);
  if (!Number.isInteger(n) || n < 1 || n > 300) throw new SkywallError('bad_payload', `an ISC preset is a number 1-300, not ${JSON.stringify(token)}`, { path: 'presetToken' });
  return n;
}
