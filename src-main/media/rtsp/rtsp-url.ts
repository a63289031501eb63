// RTSP URL handling: split off credentials (they never go on the wire in the URL, nor into
// messages), find host/port, and resolve SDP control attributes against the base URL.
import { SdpError } from './sdp.js';

export interface RtspUrl {
  /** The URL without user:password@. Used in request lines and messages. */
  url: string;
  host: string;
  port: number;
  username?: string;
  password?: string;
}

const SCHEME = /^(rtsp):\/\//i;

/**
 * Parses rtsp://[user[:password]@]host[:port]/path?query. A password may contain '@' or '/'
 * (common on cameras): the last '@' before the query ends the user info.
 * Throws Error with a credential-free message on anything else.
 */
export function parseRtspUrl(raw: string): RtspUrl {
  const m = SCHEME.exec(raw.trim());
  if (!m) throw new Error(`not an rtsp:// URL: ${redactUrl(raw)}`);
  const rest = raw.trim().slice(m[0].length);
  const queryAt = rest.indexOf('?');
  const beforeQuery = queryAt >= 0 ? rest.slice(0, queryAt) : rest;
  const at = beforeQuery.lastIndexOf('@');
  let userinfo: string | undefined;
  let hostAndPath = rest;
  if (at >= 0) {
    userinfo = rest.slice(0, at);
    hostAndPath = rest.slice(at + 1);
  }
  const slash = hostAndPath.search(/[/?]/);
  const authority = slash >= 0 ? hostAndPath.slice(0, slash) : hostAndPath;
  const path = slash >= 0 ? hostAndPath.slice(slash) : '/';
  const hp = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(authority);
  // Messages show the URL without the user info as split above: redactUrl stops at white
  // space, and a password may contain some.
  const shown = `rtsp://${hostAndPath}`;
  if (!hp) throw new Error(`bad host in RTSP URL: ${shown}`);
  const port = hp[2] ? Number(hp[2]) : 554;
  if (port < 1 || port > 65535) throw new Error(`bad port in RTSP URL: ${shown}`);
  const host = hp[1].startsWith('[') ? hp[1].slice(1, -1) : hp[1];

  let username: string | undefined;
  let password: string | undefined;
  if (userinfo !== undefined) {
    const colon = userinfo.indexOf(':');
    username = safeDecode(colon >= 0 ? userinfo.slice(0, colon) : userinfo);
    password = colon >= 0 ? safeDecode(userinfo.slice(colon + 1)) : undefined;
  }
  return { url: `rtsp://${authority}${path}`, host, port, username, password };
}

/** Removes user info from any rtsp:// URLs inside a string (for messages and logs). */
export function redactUrl(text: string): string {
  return text.replace(/(rtsps?:\/\/)[^\s]*@(?=[^\s@]*)/gi, (_, scheme: string) => scheme);
}

/**
 * Resolves an SDP a=control value (SdpError for an absolute URL that is not RTSP). Absolute URLs are used as they are; '*' means the base;
 * otherwise the control is appended to the base with one '/' (what cameras expect, including
 * Dahua's base URLs that end in a query string followed by '/').
 */
export function resolveControl(base: string, control: string | undefined): string {
  if (!control || control === '*') return base;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(control)) {
    try {
      return parseRtspUrl(control).url;
    } catch (e) {
      throw new SdpError(`a=control is not a usable RTSP URL (${(e as Error).message})`);
    }
  }
  if (control.startsWith('/')) {
    const origin = /^rtsp:\/\/[^/?]+/i.exec(base);
    return (origin ? origin[0] : base) + control;
  }
  return base.endsWith('/') ? base + control : `${base}/${control}`;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
