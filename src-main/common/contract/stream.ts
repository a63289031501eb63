import { z } from 'zod';
import { Id, Ok } from './define.js';

/** `unsupported`: the camera's stream cannot be shown (e.g. its SPS claims 16384x16384); no retry until the device changes. */
export const StreamState = z.enum(['connecting', 'live', 'stalled', 'reconnecting', 'auth_failed', 'unsupported', 'offline']);
export type StreamState = z.infer<typeof StreamState>;

export const StreamOpenRequest = z
  .object({
    cameraId: Id,
    profile: z.enum(['main', 'sub']),
    /** Re-encode the video to H.264 in the main process (for H.265 the renderer cannot decode). */
    transcode: z.boolean().optional(),
  })
  .strict();

export const StreamFacts = z.object({
  streamId: Id,
  /** Loopback URL with a one-time token: the gateway (camera fMP4) or the media relay (platform FLV/TS/HLS). */
  url: z.string(),
  transport: z.enum(['fmp4-ws', 'flv-ws', 'flv-http', 'mpegts', 'hls']),
  videoCodec: z.enum(['h264', 'h265']).optional(),
  hasSubStream: z.boolean(),
  /** The main process could transcode this stream to H.264 (an RTSP source and ffmpeg with libx264). */
  canTranscode: z.boolean(),
});
export type StreamFacts = z.infer<typeof StreamFacts>;

export const StreamStatus = z.object({
  streamId: Id,
  state: StreamState,
  retryInMs: z.number().int().nonnegative().optional(),
  errorCode: z.string().optional(),
  /** Details for the sentence, e.g. { reason: 'resolution', width: 16384, height: 16384 } or { reason: 'parameter_sets' }. */
  errorParams: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type StreamStatus = z.infer<typeof StreamStatus>;

export const streamChannels = {
  'sw:stream:open': { req: StreamOpenRequest, res: StreamFacts },
  'sw:stream:close': { req: z.object({ streamId: Id }).strict(), res: Ok },
} as const;

export const streamEvents = {
  'sw:stream:onDidChangeStatus': StreamStatus,
} as const;
