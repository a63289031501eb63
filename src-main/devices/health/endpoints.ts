// Where a device is checked: the stream URLs of its cameras when it has them (cameras added by
// URL may each sit on their own host), else the device's own address by kind: vendor devices on
// their RTSP port, ONVIF devices and platforms on their management port.

import type { Endpoint } from './probe.js';

export interface HealthDevice {
  id: string;
  kind: string;
  host: string;
  port: number;
  rtspPort?: number | undefined;
  cameras: readonly { id: string; sources: readonly { url?: string | undefined }[] }[];
}

const VENDOR_KINDS = new Set(['hikvision', 'dahua', 'uniview']);

/** The endpoint a stream URL lives on; undefined for what cannot be parsed. */
export function endpointOfUrl(url: string): Endpoint | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (!host) return undefined;
  const scheme = u.protocol.replace(/:$/, '').toLowerCase();
  const defaults: Record<string, number> = { rtsp: 554, rtsps: 322, http: 80, ws: 80, https: 443, wss: 443 };
  const port = u.port ? Number(u.port) : defaults[scheme];
  if (!port) return undefined;
  return { host, port, rtsp: scheme === 'rtsp' };
}

export interface DeviceEndpoints {
  /** Per camera: the endpoint its stream comes from (the device's own when its camera has no URL). */
  channels: Map<string, Endpoint>;
  /** The distinct endpoints to check, in order. */
  all: Endpoint[];
}

export function deviceEndpoints(d: HealthDevice): DeviceEndpoints {
  const own: Endpoint = VENDOR_KINDS.has(d.kind) ? { host: d.host, port: d.rtspPort ?? 554, rtsp: true } : { host: d.host, port: d.port, rtsp: d.kind === 'rtsp' };
  const channels = new Map<string, Endpoint>();
  for (const c of d.cameras) {
    const url = c.sources.find((s) => s.url)?.url;
    channels.set(c.id, (url && endpointOfUrl(url)) || own);
  }
  const all = new Map<string, Endpoint>();
  for (const e of channels.size > 0 ? channels.values() : [own]) all.set(`${e.rtsp}|${e.host}|${e.port}`, e);
  return { channels, all: [...all.values()] };
}
