// The upstream end of a byte relay: an endless HTTP(S) body (HTTP-FLV, HTTP-TS) or a ws(s)
// stream (WS-FLV), delivered as chunks in arrival order, bytes untouched. Ends exactly once,
// with the reason.
import WebSocket from 'ws';
import { seconds, upstreamGet } from './upstream-http.js';
import { describeUpstream, RelayUpstreamError } from './upstream-error.js';
import { explainTlsError, upstreamAgent, type RelayTls } from './upstream-tls.js';

export interface ByteSourceHandlers {
  /** The upstream answered (HTTP headers, or the WebSocket is open): bytes may follow. */
  onOpen(): void;
  onData(chunk: Buffer): void;
  /** Called once: the upstream failed or ended. Not called after close(). */
  onEnd(err: RelayUpstreamError): void;
}

export interface ByteSource {
  close(): void;
}

export interface ByteSourceOptions {
  tls?: RelayTls | undefined;
  connectTimeoutMs: number;
  responseTimeoutMs: number;
}

export function openByteSource(url: URL, opts: ByteSourceOptions, handlers: ByteSourceHandlers): ByteSource {
  return url.protocol === 'ws:' || url.protocol === 'wss:' ? openWs(url, opts, handlers) : openHttp(url, opts, handlers);
}

function openHttp(url: URL, opts: ByteSourceOptions, h: ByteSourceHandlers): ByteSource {
  const abort = new AbortController();
  const agent = upstreamAgent(url, opts.tls, false, opts.connectTimeoutMs);
  let closed = false;
  const end = (err: RelayUpstreamError): void => {
    if (closed) return;
    closed = true;
    abort.abort();
    agent?.destroy();
    h.onEnd(err);
  };
  upstreamGet(url, { agent, connectTimeoutMs: opts.connectTimeoutMs, responseTimeoutMs: opts.responseTimeoutMs, signal: abort.signal }).then(
    ({ response }) => {
      if (closed) return void response.destroy();
      h.onOpen();
      response.on('data', (chunk: Buffer) => {
        if (!closed) h.onData(chunk);
      });
      response.once('end', () => end(new RelayUpstreamError('ended', `${describeUpstream(url)} ended the stream`)));
      response.on('error', () => end(new RelayUpstreamError('ended', `${describeUpstream(url)} dropped the connection`)));
      // 'aborted' comes without 'end' when the server resets mid-body.
      response.once('aborted', () => end(new RelayUpstreamError('ended', `${describeUpstream(url)} dropped the connection`)));
    },
    (err: Error) => {
      if (err instanceof RelayUpstreamError) end(err);
      else if (!closed) end(new RelayUpstreamError('unreachable', `${describeUpstream(url)} unreachable`));
    },
  );
  return {
    close() {
      if (closed) return;
      closed = true;
      abort.abort();
      agent?.destroy();
    },
  };
}

function openWs(url: URL, opts: ByteSourceOptions, h: ByteSourceHandlers): ByteSource {
  const agent = upstreamAgent(url, opts.tls, false, opts.connectTimeoutMs);
  // One timeout for connect + upgrade answer: ws does not tell them apart.
  const ws = new WebSocket(url, {
    handshakeTimeout: opts.responseTimeoutMs,
    perMessageDeflate: false,
    followRedirects: false,
    maxPayload: 64 * 1024 * 1024,
    headers: { 'user-agent': 'Skywall' },
    ...(agent ? { agent } : {}),
  });
  let closed = false;
  let failure: RelayUpstreamError | undefined;
  const end = (err: RelayUpstreamError): void => {
    if (closed) return;
    closed = true;
    ws.terminate();
    agent?.destroy();
    h.onEnd(err);
  };
  ws.on('unexpected-response', (_req, res) => {
    res.resume();
    end(new RelayUpstreamError('http_status', `${describeUpstream(url)} refused the WebSocket (HTTP ${res.statusCode ?? 0})`, res.statusCode));
  });
  ws.on('error', (err: Error & { code?: string }) => {
    const explained = explainTlsError(err, url.host);
    if (explained instanceof RelayUpstreamError) failure = explained;
    else if (/handshake has timed out/i.test(err.message)) failure = new RelayUpstreamError('timeout', `${describeUpstream(url)} did not answer within ${seconds(opts.responseTimeoutMs)}`);
    else failure = new RelayUpstreamError('unreachable', `${describeUpstream(url)} unreachable (${err.code ?? 'connection failed'})`);
    end(failure);
  });
  ws.once('open', () => {
    if (!closed) h.onOpen();
  });
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (!closed && isBinary) h.onData(data);
  });
  ws.on('close', () => end(failure ?? new RelayUpstreamError('ended', `${describeUpstream(url)} ended the stream`)));
  return {
    close() {
      if (closed) return;
      closed = true;
      ws.terminate();
      agent?.destroy();
    },
  };
}
