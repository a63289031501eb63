// One proxied HLS stream: its token, its upstream origin (the only origin it may fetch from),
// the mapping between upstream URLs and proxy paths, its own connection pool (with the TLS
// pin, if any) and a cookie jar (ZLMediaKit tracks HLS players by cookie).
import type { Agent, IncomingHttpHeaders } from 'node:http';
import { upstreamAgent, type RelayTls } from './upstream-tls.js';

/** Path segment marking an upstream URL on another origin: the proxy answers 403 for it. */
export const OFF_ORIGIN_SEGMENT = '~off-origin';

export class HlsSession {
  readonly upstream: URL;
  readonly origin: string;
  readonly agent: Agent | undefined;
  lastUsedAt: number;
  private readonly cookies = new Map<string, string>();

  constructor(
    readonly token: string,
    readonly streamId: string,
    url: string,
    readonly tls: RelayTls | undefined,
    now: number,
    connectTimeoutMs: number,
  ) {
    this.upstream = new URL(url);
    this.origin = this.upstream.origin;
    this.agent = upstreamAgent(this.upstream, tls, true, connectTimeoutMs);
    this.lastUsedAt = now;
  }

  /** Root-relative proxy path for an upstream URL: same path and query under /hls/<token>. */
  toProxyPath(url: URL): string {
    if (url.origin !== this.origin) return `${this.prefix}/${OFF_ORIGIN_SEGMENT}/${encodeURIComponent(url.host)}`;
    return `${this.prefix}${url.pathname}${url.search}`;
  }

  /**
   * The upstream URL for the part of a proxy path after /hls/<token> (starts with '/'), or
   * undefined when it does not name a URL on the upstream origin.
   */
  fromProxyPath(rest: string): URL | undefined {
    if (!rest.startsWith('/') || rest.startsWith(`/${OFF_ORIGIN_SEGMENT}/`)) return undefined;
    let url: URL;
    try {
      // Appended to the origin, never resolved against it: '//other.host/x' stays a path here.
      url = new URL(`${this.origin}${rest}`);
    } catch {
      return undefined;
    }
    return url.origin === this.origin ? url : undefined;
  }

  /** The player's first URL. */
  get entryPath(): string {
    return this.toProxyPath(this.upstream);
  }

  remember(headers: IncomingHttpHeaders): void {
    for (const line of headers['set-cookie'] ?? []) {
      const pair = line.split(';', 1)[0]!;
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }

  cookieHeader(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  close(): void {
    this.agent?.destroy();
  }

  private get prefix(): string {
    return `/hls/${this.token}`;
  }
}
