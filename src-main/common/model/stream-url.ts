// Stream URL handling shared by main and the renderer: split inline credentials out of a URL,
// default ports per scheme, and which transport a URL needs. Pure text functions (no `URL`
// global, so it runs in any runtime); they never throw: bad input is a typed problem.

export const STREAM_SCHEMES = ['rtsp', 'rtsps', 'http', 'https', 'ws', 'wss'] as const;
export type StreamScheme = (typeof STREAM_SCHEMES)[number];

export const DEFAULT_PORTS: Readonly<Record<StreamScheme, number>> = { rtsp: 554, rtsps: 322, http: 80, https: 443, ws: 80, wss: 443 };

export interface StreamUrl {
  /** The URL as typed, minus `user:password@` (scheme lower-cased, path and query untouched). */
  url: string;
  scheme: StreamScheme;
  /** Without IPv6 brackets. */
  host: string;
  /** Explicit or the scheme's default. */
  port: number;
  /** Path and query, `/` when absent. */
  path: string;
  /** Percent-decoded. */
  username?: string;
  /** Percent-decoded. */
  password?: string;
}

/** Why a text is not a usable stream URL; the form maps each to a sentence for the operator. */
export type StreamUrlProblem =
  /** No `scheme://` in front. */
  | 'not_a_url'
  /** A scheme Skywall does not play (ftp:, file:, ...). */
  | 'unsupported_scheme'
  /** Spaces or control characters inside the URL. */
  | 'bad_character'
  | 'no_host'
  | 'bad_host'
  | 'bad_port'
  /** A `%` in the user name or password that is not followed by two hex digits. */
  | 'bad_escape';

export type StreamUrlResult = { ok: true; value: StreamUrl } | { ok: false; problem: StreamUrlProblem; part?: 'username' | 'password' };

export interface ParseStreamUrlOptions {
  /**
   * A `%` in the user info that is not an escape: 'refuse' (default) reports `bad_escape` so the
   * operator can retype; 'keep' takes the text as typed (reading stored data: nothing is lost).
   */
  badEscape?: 'refuse' | 'keep';
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;
const HOST_NAME = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.?$/;
const IPV6 = /^\[([0-9A-Fa-f:.]+)\]$/;

function isStreamScheme(s: string): s is StreamScheme {
  return (STREAM_SCHEMES as readonly string[]).includes(s);
}

/** decodeURIComponent that reports a stray `%` (or an escape that is not UTF-8) instead of throwing. */
export function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function fail(problem: StreamUrlProblem, part?: 'username' | 'password'): StreamUrlResult {
  return part ? { ok: false, problem, part } : { ok: false, problem };
}

/**
 * Parses `scheme://[user[:password]@]host[:port][/path][?query]`. A password may contain a raw
 * `@` or `/` (cameras allow both): the last `@` before the query ends the user info, the same
 * rule the RTSP client applies (media/rtsp/rtsp-url.ts).
 */
export function parseStreamUrl(text: string, options: ParseStreamUrlOptions = {}): StreamUrlResult {
  const decode = (raw: string): string | undefined => safeDecode(raw) ?? (options.badEscape === 'keep' ? raw : undefined);
  const trimmed = text.trim();
  const m = SCHEME.exec(trimmed);
  if (!m) return fail('not_a_url');
  const scheme = m[1]!.toLowerCase();
  if (!isStreamScheme(scheme)) return fail('unsupported_scheme');
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\s\u0000-\u001f\u007f]/.test(trimmed)) return fail('bad_character');

  const rest = trimmed.slice(m[0].length);
  const queryAt = rest.search(/[?#]/);
  const beforeQuery = queryAt >= 0 ? rest.slice(0, queryAt) : rest;
  const at = beforeQuery.lastIndexOf('@');
  const userinfo = at >= 0 ? rest.slice(0, at) : undefined;
  const hostAndPath = at >= 0 ? rest.slice(at + 1) : rest;
  const pathAt = hostAndPath.search(/[/?#]/);
  const authority = pathAt >= 0 ? hostAndPath.slice(0, pathAt) : hostAndPath;
  const path = pathAt >= 0 ? hostAndPath.slice(pathAt) : '';

  const hp = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(authority)!;
  const rawHost = hp[1]!;
  if (rawHost === '') return fail('no_host');
  const v6 = IPV6.exec(rawHost);
  if (!v6 && !HOST_NAME.test(rawHost)) return fail('bad_host');
  const host = v6 ? v6[1]! : rawHost;
  let port: number = DEFAULT_PORTS[scheme];
  if (hp[2] !== undefined) {
    if (!/^\d{1,5}$/.test(hp[2])) return fail('bad_port');
    port = Number(hp[2]);
    if (port < 1 || port > 65535) return fail('bad_port');
  }

  const value: StreamUrl = { url: `${scheme}://${authority}${path}`, scheme, host, port, path: path.startsWith('/') ? path : `/${path}` };
  if (userinfo !== undefined) {
    const colon = userinfo.indexOf(':');
    const rawUser = colon >= 0 ? userinfo.slice(0, colon) : userinfo;
    const rawPass = colon >= 0 ? userinfo.slice(colon + 1) : undefined;
    const username = decode(rawUser);
    if (username === undefined) return fail('bad_escape', 'username');
    if (username !== '') value.username = username;
    if (rawPass !== undefined) {
      const password = decode(rawPass);
      if (password === undefined) return fail('bad_escape', 'password');
      if (password !== '') value.password = password;
    }
  }
  return { ok: true, value };
}

/** How a URL is pulled: RTSP through the hub, the rest are platform byte streams for the relay. */
export type StreamTransport = 'rtsp' | 'flv-ws' | 'flv-http' | 'mpegts' | 'hls';

/**
 * What kind of stream a URL is (WVP/ZLMediaKit and ISC hand out these forms):
 * rtsp(s) -> rtsp; ws(s)://...flv -> flv-ws; http(s)://...flv -> flv-http; .ts -> mpegts;
 * http(s)://...m3u8 -> hls. Undefined for anything Skywall cannot play.
 */
export function streamTransportOf(url: StreamUrl): StreamTransport | undefined {
  if (url.scheme === 'rtsp' || url.scheme === 'rtsps') return 'rtsp';
  const ws = url.scheme === 'ws' || url.scheme === 'wss';
  const p = url.path.replace(/[?#].*$/, '').toLowerCase();
  if (p.endsWith('.m3u8')) return ws ? undefined : 'hls';
  if (p.endsWith('.ts')) return 'mpegts';
  if (p.endsWith('.flv') || p.includes('.live.flv')) return ws ? 'flv-ws' : 'flv-http';
  return undefined;
}

/** parseStreamUrl + streamTransportOf for a stored (credential-free) URL; undefined when unplayable. */
export function transportOfUrl(text: string): StreamTransport | undefined {
  const parsed = parseStreamUrl(text);
  return parsed.ok ? streamTransportOf(parsed.value) : undefined;
}
