// The HTTP details a browser player depends on, as ZLMediaKit sends them: content types per
// format, CORS on every media response (the app page is on another origin: its own port),
// and preflight answers.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const CONTENT_TYPES = {
  flv: 'video/x-flv',
  ts: 'video/mp2t',
  m3u8: 'application/vnd.apple.mpegurl',
} as const;

/** ZLMediaKit echoes the Origin (and allows credentials); '*' when the request has none. */
export function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  return origin ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin' } : { 'access-control-allow-origin': '*' };
}

export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(204, {
    ...corsHeaders(req),
    'access-control-allow-methods': 'GET, HEAD, OPTIONS',
    'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
    'access-control-max-age': '600',
  });
  res.end();
}

/** Headers of an endless live body: no Content-Length, so Node sends it chunked. */
export function liveHeaders(req: IncomingMessage, contentType: string): Record<string, string> {
  return { ...corsHeaders(req), 'content-type': contentType, 'cache-control': 'no-cache', connection: 'keep-alive' };
}

export function notFound(req: IncomingMessage, res: ServerResponse, why: string): void {
  res.writeHead(404, { ...corsHeaders(req), 'content-type': 'text/plain; charset=utf-8' });
  res.end(`${why}\n`);
}
