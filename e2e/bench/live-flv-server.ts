// The pixel-clock camera as a county platform's media server would serve it: HTTP-FLV on
// loopback (`/clock/<name>.live.flv`), muxed per viewer by Skywall's FlvMuxer, each tag written
// the moment its picture is encoded, Nagle off. The latency bench's platform row plays it
// through the hub (FLV demuxed in main) to compare with the direct RTSP row.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { videoTrackInfo } from '../../src-main/media/codec/track-info.js';
import { FlvMuxer } from '../../src-main/media/flv/index.js';
import type { ClockSource } from './clock-source.js';

export interface LiveFlvServer {
  port: number;
  url(name: string): string;
  /** When each stamp's tag first left for a viewer (Date.now()), like the RTSP server's sentAt. */
  readonly sentAt: Map<number, number>;
  close(): Promise<void>;
}

const SENT_AT_KEEP = 20_000;

export async function startLiveFlvServer(sources: Map<string, ClockSource>): Promise<LiveFlvServer> {
  const sentAt = new Map<number, number>();
  const server: Server = createServer((req, res) => {
    const m = /^\/clock\/([\w-]+)\.live\.flv$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    const source = m ? sources.get(m[1]!) : undefined;
    if (!source) return void res.writeHead(404).end();
    res.socket?.setNoDelay(true);
    res.writeHead(200, { 'content-type': 'video/x-flv' });
    const muxer = new FlvMuxer({ video: videoTrackInfo('h264', source.params) }, { frameRate: source.fps });
    res.write(muxer.start());
    const unsubscribe = source.subscribe((u) => {
      const pts90k = Math.round((u.index * 90_000) / source.fps);
      const parts = muxer.pushParts({ kind: 'video', codec: 'h264', nalus: u.nalus, keyframe: u.keyframe, pts90k, dts90k: pts90k, receivedAt: Date.now() });
      if (!parts) return;
      res.write(Buffer.concat(parts));
      if (!sentAt.has(u.stampMs)) {
        sentAt.set(u.stampMs, Date.now());
        if (sentAt.size > SENT_AT_KEEP) sentAt.delete(sentAt.keys().next().value!);
      }
    });
    res.once('close', unsubscribe);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (name) => `http://127.0.0.1:${port}/clock/${name}.live.flv`,
    sentAt,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
