import type { StreamFacts } from '../common/contract/index.js';

export type DirectTransport = Exclude<StreamFacts['transport'], 'fmp4-ws'>;

/**
 * How the renderer plays a platform URL directly (WVP/ZLMediaKit and ISC hand these out):
 * ws(s)://...flv -> flv-ws, http(s)://...flv -> flv-http, .ts -> mpegts, .m3u8 -> hls.
 * RTSP is not direct: it goes through the hub. Returns undefined for what we can't play.
 */
export function classifyDirectUrl(url: string): DirectTransport | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const p = u.pathname.toLowerCase();
  const ws = u.protocol === 'ws:' || u.protocol === 'wss:';
  const http = u.protocol === 'http:' || u.protocol === 'https:';
  if (!ws && !http) return undefined;
  if (p.endsWith('.m3u8')) return http ? 'hls' : undefined;
  if (p.endsWith('.ts')) return 'mpegts';
  if (p.endsWith('.flv') || p.includes('.live.flv')) return ws ? 'flv-ws' : 'flv-http';
  return undefined;
}

export function isRtspUrl(url: string): boolean {
  return /^rtsps?:\/\//i.test(url);
}
