import type { StreamFacts, StreamStatus } from '../../src-main/common/contract/stream.js';
import { call, subscribe } from './bridge.js';

/**
 * Tiles open and close camera streams through here; they never see the bridge.
 * `transcode` asks the main process for an H.264 re-encode (see StreamFacts.canTranscode).
 */
export function openStream(cameraId: string, profile: 'main' | 'sub', options: { transcode?: boolean } = {}): Promise<StreamFacts> {
  return call('sw:stream:open', { cameraId, profile, ...(options.transcode ? { transcode: true } : {}) });
}

export function closeStream(streamId: string): void {
  void call('sw:stream:close', { streamId }).catch(() => undefined);
}

export function onStreamStatus(streamId: string, listener: (s: StreamStatus) => void): () => void {
  return subscribe('sw:stream:onDidChangeStatus', (s) => {
    if (s.streamId === streamId) listener(s);
  });
}
