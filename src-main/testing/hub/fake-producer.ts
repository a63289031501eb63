// Test support (not used at runtime): a scripted producer whose test drives every event.
import { EventEmitter } from 'node:events';
import type { MediaSample, TrackInfo, VideoAccessUnit } from '../../media/types.js';
import type { Producer, ProducerStatus } from '../../media/hub/producer.js';

export class FakeProducer extends EventEmitter implements Producer {
  started = false;
  stopped = false;

  constructor(
    readonly key: string,
    private readonly onStart?: (p: FakeProducer) => void,
  ) {
    super();
  }

  start(): void {
    this.started = true;
    this.onStart?.(this);
  }

  stop(): void {
    this.stopped = true;
  }

  tracks(t: TrackInfo): void {
    this.emit('tracks', t);
  }

  sample(s: MediaSample): void {
    this.emit('sample', s);
  }

  status(s: ProducerStatus): void {
    this.emit('status', s);
  }
}

export const TEST_TRACKS: TrackInfo = {
  video: { codec: 'h264', sps: Uint8Array.of(0x67, 0x42, 0, 0x1e), pps: Uint8Array.of(0x68, 0xce), width: 640, height: 360, codecString: 'avc1.42001e' },
};

/** A synthetic access unit of `bytes` payload bytes; `id` is written into it to tell units apart. */
export function unit(id: number, keyframe: boolean, bytes = 1000): VideoAccessUnit {
  const nal = new Uint8Array(bytes);
  nal[0] = keyframe ? 0x65 : 0x41;
  nal[1] = id & 0xff;
  nal[2] = (id >> 8) & 0xff;
  return { kind: 'video', codec: 'h264', nalus: [nal], pts90k: id * 3600, dts90k: id * 3600, keyframe, receivedAt: Date.now() };
}

export function unitId(s: MediaSample): number {
  return s.kind === 'video' ? s.nalus[0][1] | (s.nalus[0][2] << 8) : -1;
}
