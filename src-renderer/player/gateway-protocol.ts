// Text messages of the gateway's fMP4 WebSocket protocol. Binary messages are media:
// the first after each `facts` is an init segment, the rest are moof+mdat fragments.
// Extra fields are accepted (the gateway may grow); unknown `type`s are ignored.
import { z } from 'zod';

/** Media time `dts` (track timescale units) reached the gateway at wall clock `wallMs` (Date.now()). */
export const GatewayClock = z.looseObject({
  dts: z.number().finite(),
  wallMs: z.number().finite().positive(),
});
export type GatewayClock = z.infer<typeof GatewayClock>;

export const GatewayFacts = z.looseObject({
  type: z.literal('facts'),
  /** RFC 6381 codec string, e.g. avc1.64001e or hvc1.1.6.L93.B0 */
  codec: z.string().min(4).max(64).regex(/^[A-Za-z0-9.]+$/),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  timescale: z.number().int().positive().optional(),
  clock: GatewayClock.optional(),
  /** The camera's audio codec: fMP4 tiles carry video only, so the tile can say what it leaves out. */
  audioCodec: z.string().max(16).optional(),
});
export type GatewayFacts = z.infer<typeof GatewayFacts>;

const ClockMessage = GatewayClock.extend({ type: z.literal('clock') });
const ErrorMessage = z.looseObject({ type: z.literal('error'), code: z.string().optional(), message: z.string().optional() });
const AnyTyped = z.looseObject({ type: z.string() });

export type GatewayMessage =
  | { kind: 'facts'; facts: GatewayFacts }
  | { kind: 'clock'; clock: GatewayClock }
  | { kind: 'error'; code: string; message: string }
  | { kind: 'status'; body: Record<string, unknown> }
  | { kind: 'ignored'; type: string }
  | { kind: 'invalid'; reason: string };

/** Skywall's gateway names the family in `codec` ("h264") and the RFC 6381 string in `codecString`. */
function withCodecString(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const r = raw as Record<string, unknown>;
  return typeof r.codecString === 'string' ? { ...r, codec: r.codecString } : raw;
}

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
      const facts = GatewayFacts.safeParse(withCodecString(raw));
      if (!facts.success) return { kind: 'invalid', reason: `bad facts: ${summarize(facts.error)}` };
      return { kind: 'facts', facts: facts.data };
    }
    case 'clock': {
      const clock = ClockMessage.safeParse(raw);
      if (!clock.success) return { kind: 'invalid', reason: `bad clock: ${summarize(clock.error)}` };
      return { kind: 'clock', clock: { dts: clock.data.dts, wallMs: clock.data.wallMs } };
    }
    case 'error': {
      const err = ErrorMessage.safeParse(raw);
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

export function isH265CodecString(codec: string): boolean {
  return /^(hvc1|hev1)\./i.test(codec);
}
