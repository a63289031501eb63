import { SNAPSHOT_PART_CHARS, type DecodeCapabilities, type StreamOpenAnswer, type StreamStatus, type TileBudgetCap, type TileWish } from '@common/contract/stream.js';
import { call, subscribe } from './bridge.js';

/**
 * Tiles open and close camera streams through here; they never see the bridge. Every open
 * carries this window's decoders, and the main process answers with the plan that plays here
 * (as it is, sub-stream, H.264 re-encode, or dark with a reason). `transcode` asks for the
 * re-encode when a stream of unknown codec proved undecodable after all.
 */
export function openStream(cameraId: string, profile: 'main' | 'sub', decode: DecodeCapabilities, options: { transcode?: boolean; viewer?: string } = {}): Promise<StreamOpenAnswer> {
  return call('sw:stream:open', { cameraId, profile, decode, ...(options.transcode ? { transcode: true } : {}), ...(options.viewer ? { viewer: options.viewer } : {}) });
}

/** The tile's wish for its device's stream budget: what it would play and how much it matters. */
export function sendTileWish(wish: TileWish): void {
  void call('sw:stream:tileWish', wish).catch(() => undefined);
}

/** Main holds the tile `viewer` to its sub-stream (its device's budget is full), or lets it have main again. */
export function onTileBudgetCap(listener: (cap: TileBudgetCap) => void): () => void {
  return subscribe('sw:stream:onDidCapTile', listener);
}

export function closeStream(streamId: string): void {
  void call('sw:stream:close', { streamId }).catch(() => undefined);
}

/** "Reconnect now": main tries the stream's source at once instead of waiting out its backoff. */
export function reconnectStream(streamId: string): void {
  void call('sw:stream:reconnect', { streamId }).catch(() => undefined);
}

/** Overload: this stream's gateway sends keyframes only (true), or every frame again from the next keyframe. */
export function setKeyframesOnly(streamId: string, keyframesOnly: boolean): Promise<void> {
  return call('sw:stream:setKeyframesOnly', { streamId, keyframesOnly }).then(() => undefined);
}

/** Sources the hub pulls and their consumers. */
export function hubCounts(): Promise<{ sources: number; consumers: number }> {
  return call('sw:stream:hubCounts', {});
}

export function onStreamStatus(streamId: string, listener: (s: StreamStatus) => void): () => void {
  return subscribe('sw:stream:onDidChangeStatus', (s) => {
    if (s.streamId === streamId) listener(s);
  });
}

/** Every stream's status: subscribe before opening, so a status sent before the answer is not lost. */
export function onAnyStreamStatus(listener: (s: StreamStatus) => void): () => void {
  return subscribe('sw:stream:onDidChangeStatus', listener);
}

/** Sends a snapshot PNG (base64) in parts under the page's message cap; the last answer says where it was saved. */
export async function saveSnapshot(png: string, meta: { cameraId?: string; subject: string; takenAt: number; folder?: string }): Promise<string> {
  const size = SNAPSHOT_PART_CHARS;
  const parts = Math.max(1, Math.ceil(png.length / size));
  const snapshotId = `snap-${meta.takenAt}-${Math.random().toString(36).slice(2, 10)}`;
  for (let part = 0; part < parts; part++) {
    const answer = await call('sw:stream:snapshot', { snapshotId, part, parts, data: png.slice(part * size, (part + 1) * size), ...meta });
    if (answer.saved) return answer.path;
  }
  throw new Error('snapshot: main did not save the last part');
}
