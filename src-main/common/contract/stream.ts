import { z } from 'zod';
import { Id, Ok } from './define.js';

/** `unsupported`: the camera's stream cannot be shown (e.g. its SPS claims 16384x16384); no retry until the device changes. */
export const StreamState = z.enum(['connecting', 'live', 'stalled', 'reconnecting', 'auth_failed', 'unsupported', 'offline']);
export type StreamState = z.infer<typeof StreamState>;

/**
 * What the calling window can decode (MSE isTypeSupported), sent with every open so the main
 * process answers with a plan that plays here, in one round trip.
 */
export const DecodeCapabilities = z
  .object({
    /** H.264 in fMP4 (and what mpegts.js / video.js remux into). */
    h264: z.boolean(),
    /** H.265 as hvc1 in fMP4. */
    h265: z.boolean(),
    /** H.265 from FLV/TS through mpegts.js; defaults to `h265`. */
    h265Flv: z.boolean().optional(),
    /** AAC audio (mp4a.40.2). */
    aac: z.boolean(),
  })
  .strict();
export type DecodeCapabilities = z.infer<typeof DecodeCapabilities>;

export const StreamOpenRequest = z
  .object({
    cameraId: Id,
    profile: z.enum(['main', 'sub']),
    /** Without it the stream is opened as it is and the caller decides (contract clients, tools). */
    decode: DecodeCapabilities.optional(),
    /** Ask for the H.264 re-encode regardless (the stream proved undecodable here after all). */
    transcode: z.boolean().optional(),
    /** The tile asking (its TileWish id): on a device whose budget is full, tiles may be moved to the sub-stream. */
    viewer: Id.optional(),
  })
  .strict();
export type StreamOpenRequest = z.infer<typeof StreamOpenRequest>;

/**
 * Why a tile stays dark (i18n `tile.dark.<reason>`). `over_budget`: the device already sends as
 * many streams as its budget allows (health's stream budget refuses the open).
 */
export const DarkReason = z.enum(['h265_unsupported', 'codec_unsupported', 'over_budget']);
export type DarkReason = z.infer<typeof DarkReason>;

const StatusFields = {
  state: StreamState,
  retryInMs: z.number().int().nonnegative().optional(),
  errorCode: z.string().optional(),
  /** Details for the sentence, e.g. { reason: 'resolution', width: 16384, height: 16384 } or { reason: 'parameter_sets' }. */
  errorParams: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
};

/**
 * A stream to play. `plan` says how it fits the caller's decoders: the camera's stream as it is,
 * its sub-stream instead of the main stream, or an H.264 re-encode made by the main process.
 */
export const StreamFacts = z.object({
  plan: z.enum(['as_is', 'sub_stream', 'transcode']),
  /** Set when the plan is not `as_is`: what ruled the requested stream out. */
  reason: DarkReason.optional(),
  streamId: Id,
  /** Loopback URL with a one-time token: the gateway (camera fMP4) or the media relay (platform FLV/TS/HLS). */
  url: z.string(),
  transport: z.enum(['fmp4-ws', 'flv-ws', 'flv-http', 'mpegts', 'hls']),
  /** What the player receives (h264 for a transcode); absent when not known yet. */
  videoCodec: z.enum(['h264', 'h265']).optional(),
  /** The profile that plays (`sub` for the sub_stream plan). */
  profile: z.enum(['main', 'sub']),
  /** The source's state at this moment, so a tile never waits for a change that already happened. */
  status: z.object(StatusFields),
});
export type StreamFacts = z.infer<typeof StreamFacts>;

/** Nothing this window can decode: no sub-stream that fits and no transcoder. */
export const StreamDark = z.object({
  plan: z.literal('dark'),
  reason: DarkReason,
  videoCodec: z.enum(['h264', 'h265']).optional(),
});
export type StreamDark = z.infer<typeof StreamDark>;

export const StreamOpenAnswer = z.discriminatedUnion('plan', [StreamFacts, StreamDark]);
export type StreamOpenAnswer = z.infer<typeof StreamOpenAnswer>;

export const StreamStatus = z.object({ streamId: Id, ...StatusFields });
export type StreamStatus = z.infer<typeof StreamStatus>;

/** What the hub pulls now: sources and their consumers (tiles, replay buffers), for stats and tests. */
export const StreamHubCounts = z.object({ sources: z.number().int().nonnegative(), consumers: z.number().int().nonnegative() });
export type StreamHubCounts = z.infer<typeof StreamHubCounts>;

/** Most base64 characters per snapshot part: the page's messages to main are capped at 1 MiB. */
export const SNAPSHOT_PART_CHARS = 512 * 1024;

/**
 * One part of a snapshot PNG (base64), sent in order; the last part (part === parts - 1) saves
 * the file. `subject` names the camera or the wall (file name and audit).
 */
export const SnapshotPart = z
  .object({
    snapshotId: Id,
    part: z.number().int().min(0).max(63),
    parts: z.number().int().min(1).max(64),
    data: z.string().max(SNAPSHOT_PART_CHARS).regex(/^[A-Za-z0-9+/=]*$/),
    cameraId: Id.optional(),
    subject: z.string().trim().min(1).max(128),
    takenAt: z.number().int().positive(),
    /** Absolute folder chosen by the operator; absent: the snapshots folder in the data folder. */
    folder: z.string().max(1024).optional(),
  })
  .strict();

export const SnapshotAnswer = z.union([z.object({ saved: z.literal(false) }), z.object({ saved: z.literal(true), path: z.string() })]);

/**
 * What a tile would play without the device's stream budget and how much it matters: when a
 * device is full, the least important tiles (not maximised, not selected, smallest) move to the
 * sub-stream first. `gone`: the tile no longer exists.
 */
export const TileWish = z
  .object({
    viewer: Id,
    wants: z.enum(['main', 'sub']),
    selected: z.boolean(),
    maximised: z.boolean(),
    /** Size on screen, CSS px². */
    areaPx: z.number().nonnegative().max(1e9),
    gone: z.boolean().optional(),
  })
  .strict();
export type TileWish = z.infer<typeof TileWish>;

/** The tile `viewer` plays at most its sub-stream because its device's budget is full (`capped`), or may have main again. */
export const TileBudgetCap = z.object({ viewer: Id, capped: z.boolean() });
export type TileBudgetCap = z.infer<typeof TileBudgetCap>;

export const streamChannels = {
  'sw:stream:open': { req: StreamOpenRequest, res: StreamOpenAnswer },
  'sw:stream:close': { req: z.object({ streamId: Id }).strict(), res: Ok },
  /** The operator's "reconnect now": the source of this stream tries again at once (not after refused credentials). */
  'sw:stream:reconnect': { req: z.object({ streamId: Id }).strict(), res: Ok },
  /**
   * The page cannot decode every tile at full rate: this stream's gateway players get keyframes
   * only (true), or every frame again from the next keyframe (false). Platform relay streams are
   * left as they are.
   */
  'sw:stream:setKeyframesOnly': { req: z.object({ streamId: Id, keyframesOnly: z.boolean() }).strict(), res: Ok },
  'sw:stream:hubCounts': { req: z.object({}).strict(), res: StreamHubCounts },
  /** A tile's (or the wall's) snapshot with the name and time burnt in, saved as PNG and audited. */
  'sw:stream:snapshot': { req: SnapshotPart, res: SnapshotAnswer },
  /** A tile's wish for the stream budget (sent when its size, selection, maximise or wanted profile changes). */
  'sw:stream:tileWish': { req: TileWish, res: Ok },
} as const;

export const streamEvents = {
  'sw:stream:onDidChangeStatus': StreamStatus,
  'sw:stream:onDidCapTile': TileBudgetCap,
} as const;
