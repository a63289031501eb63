// Live HLS for one stream (ZLMediaKit's /app/stream/hls.m3u8): ffmpeg's hls muxer writes 1 s
// segments (the clip's GOP is 1 s) and a sliding 5-entry playlist into a temp folder, deleting
// old segments. Started on the first request, like ZLMediaKit's on-demand HLS; a playlist
// request waits for the first playlist instead of failing while it is being made.
import { mkdirSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { ClipSource } from './clip-source.js';
import { startFfmpegFeed, type FfmpegFeed } from './ffmpeg-feed.js';
import { CONTENT_TYPES, corsHeaders, notFound } from './http-shape.js';

export const PLAYLIST_NAME = 'hls.m3u8';
const FIRST_PLAYLIST_WAIT_MS = 8000;

export class HlsWriter {
  private readonly feed: FfmpegFeed;

  constructor(
    source: ClipSource,
    private readonly dir: string,
  ) {
    mkdirSync(dir, { recursive: true });
    this.feed = startFfmpegFeed(source, [
      '-f', 'hls',
      '-hls_time', '1',
      '-hls_list_size', '5',
      '-hls_flags', 'delete_segments+temp_file+omit_endlist',
      '-hls_segment_filename', path.join(dir, 'seg-%d.ts'),
      path.join(dir, PLAYLIST_NAME),
    ]);
  }

  /** Serves hls.m3u8 or one of its segments; `file` is the name under /app/stream/. */
  async serve(file: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (file !== PLAYLIST_NAME && !/^seg-\d+\.ts$/.test(file)) return notFound(req, res, 'no such HLS file');
    const full = path.join(this.dir, file);
    if (file === PLAYLIST_NAME) await this.waitFor(full, FIRST_PLAYLIST_WAIT_MS);
    let body: Buffer;
    try {
      body = await readFile(full);
    } catch {
      const why = this.feed.child.exitCode !== null ? `HLS writer stopped: ${this.feed.log().trim() || 'no output'}` : 'segment not (or no longer) there';
      return notFound(req, res, why);
    }
    res.writeHead(200, {
      ...corsHeaders(req),
      'content-type': file === PLAYLIST_NAME ? CONTENT_TYPES.m3u8 : CONTENT_TYPES.ts,
      'content-length': String(body.length),
      'cache-control': file === PLAYLIST_NAME ? 'no-cache' : 'max-age=60',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  stop(): Promise<void> {
    return this.feed.stop();
  }

  private async waitFor(file: string, ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline && this.feed.child.exitCode === null) {
      try {
        await stat(file);
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
}
