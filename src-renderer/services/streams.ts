import type { StreamFacts, StreamStatus } from '../../src-main/common/contract/stream.js';
import { call, subscribe } from './bridge.js';

/** Tiles open and close camera streams through here; they never see the bridge. */
export function openStream(cameraId: string, profile: 'main' | 'sub'): Promise<StreamFacts> {
  return call('sw:stream:open', { cameraId, profile });
}

export function closeStream(streamId: string): void {
  void call('sw:stream:close', { streamId }).catch(() => undefined);
}

export function onStreamStatus(streamId: string, listener: (s: StreamStatus) => void): () => void {
  return subscribe('sw:stream:onDidChangeStatus', (s) => {
    if (s.streamId === streamId) listener(s);
  });
}
