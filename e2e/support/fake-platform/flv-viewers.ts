// HTTP-FLV and WS-FLV viewers: one FlvMuxer per viewer (its timeline starts at 0), fed from
// the shared source starting with the cached GOP, so the first tag after the headers is a
// keyframe. HTTP: one continuous chunked body. WS: one binary message per FLV tag (the
// headers go in the first message), which is what ZLMediaKit sends and mpegts.js expects.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebSocket } from 'ws';
import { FlvMuxer } from '../../../src-main/media/flv/index.js';
import type { ClipSource } from './clip-source.js';
import { CONTENT_TYPES, liveHeaders } from './http-shape.js';

/** A viewer that cannot keep up is dropped rather than buffered without bound. */
const MAX_QUEUED_BYTES = 8 * 1024 * 1024;

export interface Viewer {
  close(): void;
}

export function serveHttpFlv(source: ClipSource, req: IncomingMessage, res: ServerResponse, onEnd: () => void): Viewer {
  const muxer = new FlvMuxer(source.tracks, { frameRate: source.fps, audio: false });
  res.writeHead(200, liveHeaders(req, CONTENT_TYPES.flv));
  res.write(muxer.start());
  let unsubscribe: (() => void) | undefined;
  const close = (): void => {
    unsubscribe?.();
    unsubscribe = undefined;
    if (!res.destroyed) res.destroy();
  };
  unsubscribe = source.subscribe((au) => {
    const parts = muxer.pushParts(au);
    if (!parts) return;
    if (res.writableLength > MAX_QUEUED_BYTES) return close();
    res.write(Buffer.concat(parts));
  });
  res.once('close', () => {
    close();
    onEnd();
  });
  return { close };
}

export function serveWsFlv(source: ClipSource, ws: WebSocket, onEnd: () => void): Viewer {
  const muxer = new FlvMuxer(source.tracks, { frameRate: source.fps, audio: false });
  ws.send(muxer.start(), { binary: true });
  let unsubscribe: (() => void) | undefined;
  const close = (): void => {
    unsubscribe?.();
    unsubscribe = undefined;
    ws.terminate();
  };
  unsubscribe = source.subscribe((au) => {
    const parts = muxer.pushParts(au);
    if (!parts) return;
    if (ws.bufferedAmount > MAX_QUEUED_BYTES) return close();
    ws.send(Buffer.concat(parts), { binary: true });
  });
  ws.once('close', () => {
    close();
    onEnd();
  });
  return { close };
}
