// One MediaSource bound to one <video>, with at most one SourceBuffer: open, create the buffer
// for a codec (refusing what the platform cannot decode), and take it all down again.
import { isH265CodecString } from '@common/wire/gateway.js';
import { mp4Mime, pickMediaSource } from './mse-support.js';
import type { PlayerErrorCode } from './types.js';

export type CreateBufferResult = { ok: true; sb: SourceBuffer } | { ok: false; code: PlayerErrorCode; message: string };

export class MseSession {
  private readonly ms: MediaSource;
  private readonly ctor: typeof MediaSource;
  private objectUrl: string | null;
  private sb: SourceBuffer | null = null;

  /** Null when there is no MediaSource here. `onOpen` runs once when the source is open. */
  static open(video: HTMLVideoElement, onOpen: () => void): MseSession | null {
    const choice = pickMediaSource();
    if (!choice) return null;
    // ManagedMediaSource only attaches with remote playback off.
    if (choice.managed) video.disableRemotePlayback = true;
    return new MseSession(video, choice.ctor, onOpen);
  }

  private constructor(video: HTMLVideoElement, ctor: typeof MediaSource, onOpen: () => void) {
    this.ctor = ctor;
    this.ms = new ctor();
    this.ms.addEventListener(
      'sourceopen',
      () => {
        this.revoke();
        onOpen();
      },
      { once: true },
    );
    this.objectUrl = URL.createObjectURL(this.ms);
    video.src = this.objectUrl;
  }

  get isOpen(): boolean {
    return this.ms.readyState === 'open';
  }

  get buffer(): SourceBuffer | null {
    return this.sb;
  }

  /** The SourceBuffer for `codecString`, in 'segments' mode (see fragment-timeline.ts for why). */
  createBuffer(codecString: string, infiniteDuration: boolean): CreateBufferResult {
    if (this.sb) return { ok: true, sb: this.sb };
    if (!this.ctor.isTypeSupported(mp4Mime(codecString))) {
      const code = isH265CodecString(codecString) ? 'h265_unsupported' : 'unsupported_codec';
      return { ok: false, code, message: `this platform cannot decode ${codecString} through MSE` };
    }
    try {
      const sb = this.ms.addSourceBuffer(mp4Mime(codecString));
      sb.mode = 'segments';
      // Live content: Chromium picks its low-delay rendering path for an infinite duration.
      if (infiniteDuration) this.ms.duration = Infinity;
      this.sb = sb;
      return { ok: true, sb };
    } catch (err) {
      return { ok: false, code: 'unsupported_codec', message: `addSourceBuffer(${codecString}) failed: ${(err as Error).name}` };
    }
  }

  /** Drop the SourceBuffer and the object URL; the caller then empties the element. */
  close(): void {
    if (this.sb && this.ms.readyState === 'open') {
      try {
        if (this.sb.updating) this.sb.abort();
        this.ms.removeSourceBuffer(this.sb);
      } catch {
        // the element reset that follows frees it anyway
      }
    }
    this.sb = null;
    this.revoke();
  }

  private revoke(): void {
    if (this.objectUrl) URL.revokeObjectURL(this.objectUrl);
    this.objectUrl = null;
  }
}
