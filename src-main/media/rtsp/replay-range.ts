// Replay requests over RTSP (RFC 2326 absolute time, ONVIF Streaming "replay"): the `Range:
// clock=` value, its parser (the demo archive and PLAY answers use it), and the PLAY headers
// that ask a recorder for a span of its recording, optionally faster than real time.

/** A half-open span of recorder time, ms since the epoch. */
export interface ClockRange {
  from: number;
  /** Undefined: to the end of the recording. */
  to?: number;
}

export interface ReplayRequest {
  /** Undefined: the URL itself names the span (vendor playback URLs), PLAY asks for `npt=0.000-`. */
  range?: ClockRange;
  /** Playback speed and direction (`Scale`); 1 when absent. The recorder may refuse others. */
  scale?: number;
  /** false: `Rate-Control: no`, the recorder sends as fast as it can (downloads). */
  rateControl?: boolean;
  /** Send `Require: onvif-replay` (ONVIF Profile G recorders). */
  onvif?: boolean;
}

/** `20261122T021045Z`, or `20261122T021045.120Z` when the time has milliseconds. */
export function formatClockTime(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-11-22T02:10:45.120Z
  const whole = iso.slice(0, 19).replace(/[-:]/g, '');
  const millis = iso.slice(20, 23);
  return millis === '000' ? `${whole}Z` : `${whole}.${millis}Z`;
}

export function formatClockRange(range: ClockRange): string {
  return `clock=${formatClockTime(range.from)}-${range.to !== undefined ? formatClockTime(range.to) : ''}`;
}

const CLOCK_TIME = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(?:\.(\d{1,9}))?Z$/;

/** Parses one RFC 2326 utc-time; undefined when it is not one. */
export function parseClockTime(text: string): number | undefined {
  const m = CLOCK_TIME.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) + (m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0);
  const check = new Date(ms);
  // Date.UTC rolls 31 February into March: such a value is refused, not reinterpreted.
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  return ms;
}

/** Parses a `Range` header value of the clock kind (`clock=A-B`, `clock=A-`); undefined otherwise. */
export function parseClockRange(header: string | undefined): ClockRange | undefined {
  if (!header) return undefined;
  const m = /^\s*clock\s*=\s*([0-9TZ.]+)\s*-\s*([0-9TZ.]*)\s*(?:;.*)?$/i.exec(header);
  if (!m) return undefined;
  const from = parseClockTime(m[1]);
  if (from === undefined) return undefined;
  if (!m[2]) return { from };
  const to = parseClockTime(m[2]);
  return to === undefined ? undefined : { from, to };
}

/** Headers of the PLAY request for a replay. */
export function replayPlayHeaders(req: ReplayRequest): Array<[string, string]> {
  const headers: Array<[string, string]> = [['Range', req.range ? formatClockRange(req.range) : 'npt=0.000-']];
  if (req.onvif) headers.push(['Require', 'onvif-replay']);
  if (req.scale !== undefined && req.scale !== 1) headers.push(['Scale', formatScale(req.scale)]);
  if (req.rateControl === false) headers.push(['Rate-Control', 'no']);
  return headers;
}

function formatScale(scale: number): string {
  if (!Number.isFinite(scale) || scale === 0) throw new RangeError(`Scale must be a non-zero number, not ${scale}`);
  return Number.isInteger(scale) ? scale.toFixed(1) : String(scale);
}
