// What a Hikvision device says of itself over ISAPI: its information (/ISAPI/System/deviceInfo),
// its channels (an NVR's IP channels from /ISAPI/ContentMgmt/InputProxy/channels; a camera or
// DVR has none there and its channels are read off its streams) and each channel's streams from
// /ISAPI/Streaming/channels: id N01 main, N02 sub, N03 third, with codec and picture size.
import type { DeviceInfo } from '../../../common/model/device.js';
import { SkywallError } from '../../../common/model/errors.js';
import type { ChannelProfile as StreamProfile } from '../../../common/model/source-key.js';
import type { IsapiClient } from './isapi-client.js';
import { elements, text } from './isapi-xml.js';

export interface IsapiProfile {
  profile: StreamProfile;
  codec?: 'h264' | 'h265';
  width?: number;
  height?: number;
}

export interface IsapiChannel {
  /** The device's own channel id. */
  id: string;
  /** Channel number for the RTSP rule (/Streaming/Channels/N01). */
  channel: number;
  name: string;
  profiles: IsapiProfile[];
}

export interface IsapiDevice {
  info: DeviceInfo;
  channels: IsapiChannel[];
}

export const ISAPI_PATHS = {
  deviceInfo: '/ISAPI/System/deviceInfo',
  inputProxyChannels: '/ISAPI/ContentMgmt/InputProxy/channels',
  streamingChannels: '/ISAPI/Streaming/channels',
} as const;

const PROFILE_BY_STREAM: Record<number, StreamProfile> = { 1: 'main', 2: 'sub', 3: 'third' };
const MAX_CHANNELS = 512;

function codecOf(value: string | undefined): IsapiProfile['codec'] {
  if (!value) return undefined;
  if (/265|hevc/i.test(value)) return 'h265';
  if (/264|avc/i.test(value)) return 'h264';
  return undefined;
}

function size(value: string | undefined): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 16384 ? n : undefined;
}

interface StreamEntry {
  channel: number;
  profile: IsapiProfile;
  name?: string;
}

function streamsOf(xml: string | undefined): StreamEntry[] {
  if (!xml) return [];
  const out: StreamEntry[] = [];
  for (const sc of elements(xml, 'StreamingChannel')) {
    const id = Number(text(sc, 'id'));
    if (!Number.isInteger(id) || id < 101) continue;
    const profile = PROFILE_BY_STREAM[id % 100];
    if (!profile) continue;
    const video = elements(sc, 'Video')[0] ?? '';
    const codec = codecOf(text(video, 'videoCodecType'));
    const width = size(text(video, 'videoResolutionWidth'));
    const height = size(text(video, 'videoResolutionHeight'));
    const name = text(sc, 'channelName');
    out.push({
      channel: Math.floor(id / 100),
      profile: { profile, ...(codec ? { codec } : {}), ...(width ? { width } : {}), ...(height ? { height } : {}) },
      ...(name ? { name } : {}),
    });
  }
  return out;
}

const ORDER: Record<StreamProfile, number> = { main: 0, sub: 1, third: 2 };

function profilesFor(channel: number, streams: StreamEntry[]): IsapiProfile[] {
  const found = streams.filter((s) => s.channel === channel).map((s) => s.profile);
  found.sort((a, b) => ORDER[a.profile] - ORDER[b.profile]);
  // A device that does not list its streams still serves N01 and N02.
  return found.length > 0 ? found : [{ profile: 'main' }, { profile: 'sub' }];
}

/** Information and channels; `not_isapi` when the device does not answer deviceInfo as ISAPI. */
export async function readIsapiDevice(client: IsapiClient): Promise<IsapiDevice> {
  const infoXml = await client.get(ISAPI_PATHS.deviceInfo);
  if (!infoXml || elements(infoXml, 'DeviceInfo').length === 0) {
    throw new SkywallError('protocol', 'the device does not answer ISAPI deviceInfo', { failure: 'not_isapi' });
  }
  const info: DeviceInfo = {
    manufacturer: text(infoXml, 'manufacturer') ?? 'Hikvision',
    ...Object.fromEntries(
      (['model', 'firmwareVersion', 'serialNumber'] as const).flatMap((k) => {
        const v = text(infoXml, k);
        return v ? [[k, v.slice(0, 128)]] : [];
      }),
    ),
  };
  const streams = streamsOf(await client.get(ISAPI_PATHS.streamingChannels));
  const proxyXml = await client.get(ISAPI_PATHS.inputProxyChannels);
  const proxied = proxyXml ? elements(proxyXml, 'InputProxyChannel') : [];

  let channels: IsapiChannel[];
  if (proxied.length > 0) {
    channels = proxied.flatMap((ch) => {
      const id = text(ch, 'id');
      const n = Number(id);
      if (!id || !Number.isInteger(n) || n < 1 || n > 4096) return [];
      return [{ id: id.slice(0, 128), channel: n, name: (text(ch, 'name') ?? '').slice(0, 64) || `${n}`, profiles: profilesFor(n, streams) }];
    });
  } else {
    const numbers = [...new Set(streams.map((s) => s.channel))].filter((n) => n <= 4096).sort((a, b) => a - b);
    channels = numbers.map((n) => ({
      id: String(n),
      channel: n,
      name: (streams.find((s) => s.channel === n && s.name)?.name ?? '').slice(0, 64) || `${n}`,
      profiles: profilesFor(n, streams),
    }));
  }
  if (channels.length === 0) channels = [{ id: '1', channel: 1, name: info.model ?? '1', profiles: [{ profile: 'main' }, { profile: 'sub' }] }];
  return { info, channels: channels.slice(0, MAX_CHANNELS) };
}
