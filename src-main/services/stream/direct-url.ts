import type { StreamFacts } from '../../common/contract/index.js';

export type DirectTransport = Exclude<StreamFacts['transport'], 'fmp4-ws'>;

/**
 * What kind of platform URL this is (WVP/ZLMediaKit and ISC hand these out):
 * ws(s)://...flv -> flv-ws, http(s)://...flv -> flv-http, .ts -> mpegts, .m3u8 -> hls.
 * RTSP is not direct: it goes through the hub. Returns undefined for what we can't play.
 * The renderer never fetches these itself: see relayedTransport.
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

export type RelayedTransport = Extract<DirectTransport, 'flv-ws' | 'mpegts' | 'hls'>;

/**
 * What the renderer plays once the main process relays a platform URL (media-relay): FLV and
 * MPEG-TS arrive as bytes over the relay's loopback WebSocket (so 'flv-http' plays as 'flv-ws'),
 * HLS through its loopback HTTP proxy.
 */
export function relayedTransport(direct: DirectTransport): RelayedTransport {
  return direct === 'flv-http' ? 'flv-ws' : direct;
}

export function isRtspUrl(url: string): boolean {
  return /^rtsps?:\/\//i.test(url);
}
