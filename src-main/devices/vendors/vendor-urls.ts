// RTSP addresses Hikvision, Dahua and Uniview devices serve, for devices added by address
// without ONVIF (../shared reference: "Live URL rules by vendor", "Recording playback").
// Channel numbers are 1-based; profiles main, sub, third are the vendors' stream 1, 2, 3.
// Playback times: Hikvision takes UTC with a Z (many units read it as device-local time, so
// callers pass the device's zone), Dahua takes device-local time, Uniview takes Unix seconds.
import type { VendorKind } from '../../common/model/device.js';
import type { ChannelProfile } from '../../common/model/source-key.js';

export interface VendorAddress {
  host: string;
  /** Default 554. */
  rtspPort?: number;
  /** 1-based channel number. */
  channel: number;
}

export interface PlaybackSpan {
  start: Date;
  end: Date;
  /** Minutes the device's local clock is ahead of UTC (China: 480); used where the device reads local time. */
  deviceUtcOffsetMin?: number;
}

const STREAM_NUMBER: Record<ChannelProfile, number> = { main: 1, sub: 2, third: 3 };

function base(a: VendorAddress): string {
  if (!Number.isInteger(a.channel) || a.channel < 1 || a.channel > 4096) throw new RangeError(`channel ${a.channel} is not 1..4096`);
  const host = a.host.includes(':') && !a.host.startsWith('[') ? `[${a.host}]` : a.host;
  return `rtsp://${host}:${a.rtspPort ?? 554}`;
}

export function liveUrl(vendor: VendorKind, a: VendorAddress, profile: ChannelProfile): string {
  const n = STREAM_NUMBER[profile];
  switch (vendor) {
    case 'hikvision':
      return `${base(a)}/Streaming/Channels/${a.channel}0${n}`;
    case 'dahua':
      return `${base(a)}/cam/realmonitor?channel=${a.channel}&subtype=${n - 1}`;
    case 'uniview':
      return `${base(a)}/unicast/c${a.channel}/s${n - 1}/live`;
  }
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** The UTC fields of `t` shifted by the device's offset: its wall-clock reading. */
function deviceClock(t: Date, offsetMin: number): Date {
  return new Date(t.getTime() + offsetMin * 60_000);
}

function compactUtc(t: Date): string {
  return `${t.getUTCFullYear()}${pad(t.getUTCMonth() + 1)}${pad(t.getUTCDate())}T${pad(t.getUTCHours())}${pad(t.getUTCMinutes())}${pad(t.getUTCSeconds())}Z`;
}

function dahuaTime(t: Date): string {
  return `${t.getUTCFullYear()}_${pad(t.getUTCMonth() + 1)}_${pad(t.getUTCDate())}_${pad(t.getUTCHours())}_${pad(t.getUTCMinutes())}_${pad(t.getUTCSeconds())}`;
}

export function playbackUrl(vendor: VendorKind, a: VendorAddress, span: PlaybackSpan): string {
  if (!(span.end.getTime() > span.start.getTime())) throw new RangeError('playback end must be after its start');
  const offset = span.deviceUtcOffsetMin ?? 0;
  switch (vendor) {
    case 'hikvision':
      return `${base(a)}/Streaming/tracks/${a.channel}01?starttime=${compactUtc(deviceClock(span.start, offset))}&endtime=${compactUtc(deviceClock(span.end, offset))}`;
    case 'dahua':
      return `${base(a)}/cam/playback?channel=${a.channel}&subtype=0&starttime=${dahuaTime(deviceClock(span.start, offset))}&endtime=${dahuaTime(deviceClock(span.end, offset))}`;
    case 'uniview':
      return `${base(a)}/c${a.channel}/b${Math.floor(span.start.getTime() / 1000)}/e${Math.floor(span.end.getTime() / 1000)}/replay/`;
  }
}
