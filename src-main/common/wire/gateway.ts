// Text messages of the live gateway's fMP4 WebSocket protocol, written once for both ends:
// media/gateway builds them with the constructors below, the renderer's player reads them
// with parseGatewayText. Binary messages are media: the first after each `facts` is an init
// segment, the rest are moof+mdat fragments.
//
// `codec` means the codec family ('h264' | 'h265') everywhere in Skywall, as in the stream
// contract's `videoCodec`; the RFC 6381 string MSE needs is `codecString`.
// Readers accept extra fields (the gateway may grow) and ignore unknown `type`s.
import { z } from 'zod';

export const VideoCodecFamily = z.enum(['h264', 'h265']);
export type VideoCodecFamily = z.infer<typeof VideoCodecFamily>;

/** RFC 6381 codec string, e.g. avc1.64001e or hvc1.1.6.L93.B0; no quote can reach a mime string. */
export const CodecString = z.string().min(4).max(64).regex(/^[A-Za-z0-9.]+$/);

/** Media time `dts` (track timescale units) reached the gateway at wall clock `wallMs` (Date.now()). */
export const GatewayClock = z.looseObject({
  dts: z.number().finite(),
  wallMs: z.number().finite().positive(),
});
export type GatewayClock = z.infer<typeof GatewayClock>;

export const GatewayFacts = z.looseObject({
  type: z.literal('facts'),
  format: z.literal('fmp4').optional(),
  streamId: z.string().max(128).optional(),
  codec: VideoCodecFamily,
  codecString: CodecString,
  /** MSE type, e.g. video/mp4; codecs="avc1.64001f" (readers build their own from codecString). */
  mimeType: z.string().max(128).optional(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  timescale: z.number().int().positive().optional(),
  clock: GatewayClock.optional(),
  /** The camera's audio codec: fMP4 tiles carry video only, so the tile can say what it leaves out. */
  audioCodec: z.string().max(16).optional(),
});
export type GatewayFacts = z.infer<typeof GatewayFacts>;

export const GatewayClockMessage = GatewayClock.extend({ type: z.literal('clock') });
export type GatewayClockMessage = z.infer<typeof GatewayClockMessage>;

/**
 * From here on the gateway sends keyframes only (`keyframesOnly: true`, the page is overloaded),
 * or every frame again (false, sent just before the keyframe where full rate resumes).
 */
export const GatewayRateMessage = z.looseObject({ type: z.literal('rate'), keyframesOnly: z.boolean() });
export type GatewayRateMessage = z.infer<typeof GatewayRateMessage>;

export const GatewayErrorMessage = z.looseObject({ type: z.literal('error'), code: z.string().optional(), message: z.string().optional() });
export type GatewayErrorMessage = z.infer<typeof GatewayErrorMessage>;

/** The facts text message as the gateway sends it (every field the reader may use, filled in). */
export interface GatewayFactsInput {
  streamId: string;
  codec: VideoCodecFamily;
  codecString: string;
  width: number;
  height: number;
  timescale: number;
  audioCodec?: string | undefined;
  /** Optional: a gateway that knows its clock pairing up front saves the player waiting for a `clock`. */
  clock?: GatewayClock | undefined;
}

export function factsMessage(input: GatewayFactsInput): string {
  const facts: GatewayFacts = {
    type: 'facts',
    format: 'fmp4',
    streamId: input.streamId,
    codec: input.codec,
    codecString: input.codecString,
    mimeType: `video/mp4; codecs="${input.codecString}"`,
    width: input.width,
    height: input.height,
    timescale: input.timescale,
    ...(input.audioCodec ? { audioCodec: input.audioCodec } : {}),
    ...(input.clock ? { clock: { dts: input.clock.dts, wallMs: input.clock.wallMs } } : {}),
  };
  return JSON.stringify(facts);
}

export function clockMessage(clock: GatewayClock): string {
  const msg: GatewayClockMessage = { type: 'clock', dts: clock.dts, wallMs: clock.wallMs };
  return JSON.stringify(msg);
}

export function rateMessage(keyframesOnly: boolean): string {
  const msg: GatewayRateMessage = { type: 'rate', keyframesOnly };
  return JSON.stringify(msg);
}

export type GatewayMessage =
  | { kind: 'facts'; facts: GatewayFacts }
  | { kind: 'clock'; clock: GatewayClock }
  | { kind: 'rate'; keyframesOnly: boolean }
  | { kind: 'error'; code: string; message: string }
  | { kind: 'status'; body: Record<string, unknown> }
  | { kind: 'ignored'; type: string }
  | { kind: 'invalid'; reason: string };

const AnyTyped = z.looseObject({ type: z.string() });

/** Reads one text message; never throws, whatever the bytes. */
export function parseGatewayText(text: string): GatewayMessage {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'invalid', reason: 'text message is not JSON' };
  }
  const typed = AnyTyped.safeParse(raw);
  if (!typed.success) return { kind: 'invalid', reason: 'text message has no string "type"' };
  switch (typed.data.type) {
    case 'facts': {
      const facts = GatewayFacts.safeParse(raw);
      if (!facts.success) return { kind: 'invalid', reason: `bad facts: ${summarize(facts.error)}` };
      if (familyOfCodecString(facts.data.codecString) !== facts.data.codec) {
        return { kind: 'invalid', reason: `bad facts: codecString ${facts.data.codecString} is not ${facts.data.codec}` };
      }
      return { kind: 'facts', facts: facts.data };
    }
    case 'clock': {
      const clock = GatewayClockMessage.safeParse(raw);
      if (!clock.success) return { kind: 'invalid', reason: `bad clock: ${summarize(clock.error)}` };
      return { kind: 'clock', clock: { dts: clock.data.dts, wallMs: clock.data.wallMs } };
    }
    case 'rate': {
      const rate = GatewayRateMessage.safeParse(raw);
      if (!rate.success) return { kind: 'invalid', reason: `bad rate: ${summarize(rate.error)}` };
      return { kind: 'rate', keyframesOnly: rate.data.keyframesOnly };
    }
    case 'error': {
      const err = GatewayErrorMessage.safeParse(raw);
      const code = err.success ? (err.data.code ?? 'unknown') : 'unknown';
      const message = err.success ? (err.data.message ?? '') : '';
      return { kind: 'error', code, message };
    }
    case 'status':
      return { kind: 'status', body: typed.data };
    default:
      return { kind: 'ignored', type: typed.data.type };
  }
}

function summarize(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

/** The family an RFC 6381 string names, or undefined for anything else. */
export function familyOfCodecString(codecString: string): VideoCodecFamily | undefined {
  if (/^(hvc1|hev1)\./i.test(codecString)) return 'h265';
  if (/^(avc1|avc3)\./i.test(codecString)) return 'h264';
  return undefined;
}

export function isH265CodecString(codecString: string): boolean {
  return familyOfCodecString(codecString) === 'h265';
}
