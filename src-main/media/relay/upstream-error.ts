// Why an upstream (the platform's media server) could not be relayed. The message is for logs
// and the WebSocket close reason: it names the host, never the path or query (platform URLs
// carry access tokens there).

export type UpstreamFailure =
  /** Connection refused, DNS, reset before any data. */
  | 'unreachable'
  /** No response headers within the connect timeout. */
  | 'timeout'
  /** The server answered with a non-2xx status (or redirected to another origin). */
  | 'http_status'
  /** Certificate not trusted, or not the pinned one. */
  | 'tls'
  /** Connected, but no bytes for the no-data timeout. */
  | 'no_data'
  /** The server ended the live stream. */
  | 'ended';

export class RelayUpstreamError extends Error {
  constructor(
    readonly kind: UpstreamFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'RelayUpstreamError';
  }
}

/** "http://10.1.2.3:8080 (…/*.flv)": enough to tell streams apart in a log, no token. */
export function describeUpstream(url: URL): string {
  const ext = /\.([a-z0-9]{1,6})$/i.exec(url.pathname)?.[1];
  return `${url.protocol}//${url.host}${ext ? ` (…/*.${ext.toLowerCase()})` : ''}`;
}
