// HTTP MPEG-TS viewer (ZLMediaKit's /app/stream.live.ts): a continuous chunked MPEG-TS body.
// Each viewer gets its own ffmpeg remuxer, so its body starts with PAT/PMT and a keyframe.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClipSource } from './clip-source.js';
import { startFfmpegFeed } from './ffmpeg-feed.js';
import type { Viewer } from './flv-viewers.js';
import { CONTENT_TYPES, liveHeaders } from './http-shape.js';

const MAX_QUEUED_BYTES = 8 * 1024 * 1024;

export function serveHttpTs(source: ClipSource, req: IncomingMessage, res: ServerResponse, onEnd: () => void): Viewer {
  const feed = startFfmpegFeed(source, ['-f', 'mpegts', '-muxdelay', '0', '-muxpreload', '0', '-flush_packets', '1', 'pipe:1']);
  res.writeHead(200, liveHeaders(req, CONTENT_TYPES.ts));
  res.flushHeaders();
  feed.child.stdout?.on('data', (chunk: Buffer) => {
    if (res.writableLength > MAX_QUEUED_BYTES) return close();
    res.write(chunk);
  });
  // ffmpeg gone (crash or stop): the live body ends, as when the platform drops the stream.
  void feed.exited.then(() => {
    if (!res.destroyed) res.destroy();
  });
  const close = (): void => {
    void feed.stop();
    if (!res.destroyed) res.destroy();
  };
  res.once('close', () => {
    close();
    onEnd();
  });
  return { close };
}
