import type { DecodeCapabilities, StreamOpenAnswer, StreamStatus } from '@common/contract/stream.js';
import { call, subscribe } from './bridge.js';

/**
 * Tiles open and close camera streams through here; they never see the bridge. Every open
 * carries this window's decoders, and the main process answers with the plan that plays here
 * (as it is, sub-stream, H.264 re-encode, or dark with a reason). `transcode` asks for the
 * re-encode when a stream of unknown codec proved undecodable after all.
 */
export function openStream(cameraId: string, profile: 'main' | 'sub', decode: DecodeCapabilities, options: { transcode?: boolean } = {}): Promise<StreamOpenAnswer> {
  return call('sw:stream:open', { cameraId, profile, decode, ...(options.transcode ? { transcode: true } : {}) });
}

export function closeStream(streamId: string): void {
  void call('sw:stream:close', { streamId }).catch(() => undefined);
}

/** "Reconnect now": main tries the stream's source at once instead of waiting out its backoff. */
export function reconnectStream(streamId: string): void {
  void call('sw:stream:reconnect', { streamId }).catch(() => undefined);
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
