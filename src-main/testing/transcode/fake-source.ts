// Test support: a transcode source driven by hand, fed with the committed demo clips. Lets tests
// play a camera's status changes, bursts and codec switches into a TranscodeProducer directly.
import { loadDemoClips, type DemoClip, type DemoClipId } from '../../demo/rtsp/index.js';
import { resolveAssetsDir } from '../../demo/assets-dir.js';
import { parameterSetKind, videoTrackInfo } from '../../media/codec/index.js';
import type { HubConsumer, HubStatus } from '../../media/hub/hub-types.js';
import type { StreamState } from '../../common/contract/stream.js';
import type { ErrorCode } from '../../common/model/errors.js';
import type { TrackInfo, VideoAccessUnit } from '../../media/types.js';
import type { TranscodeSource } from '../../media/transcode/transcode-producer.js';

const FRAME_90K = 3600; // 25 fps

export class FakeSource {
  consumer: HubConsumer | undefined;
  subscribes = 0;
  unsubscribes = 0;
  private frame = 0;
  /** Status handed to a consumer inside subscribe(), as the hub does. */
  initial: HubStatus = { key: 'cam:main', state: 'connecting', since: Date.now() };

  constructor(readonly clip: DemoClip) {}

  static async load(id: DemoClipId): Promise<FakeSource> {
    return new FakeSource((await loadDemoClips(resolveAssetsDir())).get(id)!);
  }

  readonly subscribe: TranscodeSource = (consumer) => {
    this.consumer = consumer;
    this.subscribes++;
    consumer.onStatus?.(this.initial);
    return () => {
      this.unsubscribes++;
      this.consumer = undefined;
    };
  };

  tracks(): TrackInfo {
    return { video: videoTrackInfo(this.clip.codec, this.clip.params) };
  }

  status(state: StreamState, errorCode?: ErrorCode): void {
    this.consumer?.onStatus?.({ key: 'cam:main', state, since: Date.now(), ...(errorCode ? { errorCode } : {}) });
  }

  /** The next picture of the looping clip; `bare` strips in-band parameter sets (SDP-only cameras). */
  next(bare = false): VideoAccessUnit {
    const unit = this.clip.units[this.frame % this.clip.units.length]!;
    const pts = this.frame * FRAME_90K;
    this.frame++;
    const nalus = bare ? unit.nalus.filter((n) => !parameterSetKind(this.clip.codec, n)) : unit.nalus;
    return { kind: 'video', codec: this.clip.codec, nalus, pts90k: pts, dts90k: pts, keyframe: unit.keyframe, receivedAt: Date.now() };
  }

  /** Sends `n` pictures at once (a GOP-cache burst), returning them. */
  burst(n: number, bare = false): VideoAccessUnit[] {
    const sent: VideoAccessUnit[] = [];
    for (let i = 0; i < n; i++) {
      const s = this.next(bare);
      sent.push(s);
      this.consumer?.onSample(s);
    }
    return sent;
  }
}
