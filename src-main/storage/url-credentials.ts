// Splits inline credentials (`rtsp://user:pass@host/...`) out of a stream URL, so the URL can be
// stored in plain JSON and the password can go to the vault.
const DEFAULT_PORTS: Record<string, number> = { 'rtsp:': 554, 'rtsps:': 322, 'http:': 80, 'https:': 443, 'ws:': 80, 'wss:': 443 };

export interface SplitUrl {
  /** The URL with user and password removed. */
  url: string;
  /** Lower-case scheme with colon, e.g. `rtsp:`. */
  protocol: string;
  host: string;
  port: number;
  username?: string;
  password?: string;
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    // A stray `%` that is not an escape: keep the text as typed.
    return part;
  }
}

/** Returns undefined when the text is not an absolute URL with a host. */
export function splitUrlCredentials(text: string): SplitUrl | undefined {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return undefined;
  }
  if (!u.hostname) return undefined;
  const username = u.username ? decode(u.username) : undefined;
  const password = u.password ? decode(u.password) : undefined;
  u.username = '';
  u.password = '';
  const port = u.port ? Number(u.port) : DEFAULT_PORTS[u.protocol.toLowerCase()];
  if (port === undefined) return undefined;
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  const out: SplitUrl = { url: u.toString(), protocol: u.protocol.toLowerCase(), host, port };
  if (username !== undefined) out.username = username;
  if (password !== undefined) out.password = password;
  return out;
}
