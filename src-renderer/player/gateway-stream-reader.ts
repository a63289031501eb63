// The gateway protocol as a state machine, free of DOM and sockets: feed it each WebSocket
// message, get back what to do (append an init, append a fragment at this offset, fail...).
// Order enforced: facts -> init -> fragments starting at a keyframe; a new facts message
// announces a new init (same codec: appended in place; a codec change needs a new player).
import { isInitSegment, readFragmentInfo, readInitTimescale, type FragmentInfo } from './fmp4-boxes.js';
import { FragmentTimeline, type PlacedFragment } from './fragment-timeline.js';
import { type GatewayClock, type GatewayFacts, parseGatewayText } from '@common/wire/gateway.js';
import { ingestWallMs } from './stats-math.js';
import type { PlayerErrorCode } from './types.js';

export type ReaderAction =
  | { kind: 'facts'; facts: GatewayFacts }
  | { kind: 'init'; bytes: Uint8Array }
  | { kind: 'fragment'; bytes: Uint8Array; info: FragmentInfo; placed: PlacedFragment; ingestWallMs: number | null }
  | { kind: 'fail'; code: PlayerErrorCode; message: string }
  /** The gateway sends keyframes only from here (true), or every frame again (false). */
  | { kind: 'rate'; keyframesOnly: boolean }
  /** Nothing to do (status, clock, unknown types, frames before the first keyframe). */
  | { kind: 'none' };

export class GatewayStreamReader {
  private factsSeen: GatewayFacts | null = null;
  private clock: GatewayClock | null = null;
  private timeline: FragmentTimeline | null = null;
  private timescale = 90_000;
  private expectInit = false;
  private sawKeyframe = false;
  /** Fragments dropped while waiting for a keyframe. */
  skippedBeforeKeyframe = 0;

  get facts(): GatewayFacts | null {
    return this.factsSeen;
  }

  get frameMs(): number {
    return this.timeline?.frameMs ?? 40;
  }

  /** The timeline (keyframe positions for trimming); null before the first init. */
  get fragmentTimeline(): FragmentTimeline | null {
    return this.timeline;
  }

  text(text: string): ReaderAction {
    const msg = parseGatewayText(text);
    switch (msg.kind) {
      case 'invalid':
        return { kind: 'fail', code: 'protocol', message: msg.reason };
      case 'error':
        return { kind: 'fail', code: 'gateway', message: `gateway error ${msg.code}${msg.message ? `: ${msg.message}` : ''}` };
      case 'clock':
        this.clock = msg.clock;
        return { kind: 'none' };
      case 'rate':
        return { kind: 'rate', keyframesOnly: msg.keyframesOnly };
      case 'facts': {
        const prev = this.factsSeen;
        if (prev && prev.codecString !== msg.facts.codecString) {
          return { kind: 'fail', code: 'protocol', message: `codec changed from ${prev.codecString} to ${msg.facts.codecString}; re-open the stream` };
        }
        this.factsSeen = msg.facts;
        if (msg.facts.timescale) this.timescale = msg.facts.timescale;
        if (msg.facts.clock) this.clock = msg.facts.clock;
        this.expectInit = true;
        return { kind: 'facts', facts: msg.facts };
      }
      default:
        return { kind: 'none' };
    }
  }

  binary(bytes: Uint8Array): ReaderAction {
    if (!this.factsSeen) return { kind: 'fail', code: 'protocol', message: 'binary message before the facts message' };
    if (this.expectInit) {
      if (!isInitSegment(bytes)) return { kind: 'fail', code: 'protocol', message: 'expected an init segment (ftyp+moov) after facts' };
      this.expectInit = false;
      this.sawKeyframe = false;
      if (!this.factsSeen.timescale) this.timescale = readInitTimescale(bytes) ?? this.timescale;
      // Kept across re-inits so a restarted timeline is spliced after what is buffered.
      this.timeline ??= new FragmentTimeline(this.timescale);
      return { kind: 'init', bytes };
    }
    const info = readFragmentInfo(bytes);
    if (!info || !this.timeline) return { kind: 'fail', code: 'protocol', message: 'binary message is neither an init segment nor a moof fragment' };
    if (!this.sawKeyframe) {
      // Undecodable until a keyframe; the gateway should start with one. Unknown (null) is trusted.
      if (info.keyframe === false) {
        this.skippedBeforeKeyframe++;
        return { kind: 'none' };
      }
      this.sawKeyframe = true;
    }
    const placed = this.timeline.place(info);
    const ingest = this.clock ? ingestWallMs(this.clock, info.baseDecodeTime, this.timescale) : null;
    return { kind: 'fragment', bytes, info, placed, ingestWallMs: ingest };
  }
}
