// Frame arithmetic of a replay clip. Pictures sit at multiples of the frame step from the
// clip's start; a seek lands a quarter step inside the wanted picture, so rounding in the
// browser's media clock cannot show its neighbour.

/** The picture at a position (s), by the typical frame step (ms). */
export function frameIndexAt(positionS: number, frameMs: number): number {
  return Math.max(0, Math.floor((positionS * 1000 + frameMs / 4) / frameMs));
}

/** Where to seek (s) to show picture k. */
export function positionOfFrame(k: number, frameMs: number): number {
  return ((k + 0.25) * frameMs) / 1000;
}

const two = (n: number) => String(n).padStart(2, '0');

/** hh:mm:ss.t in local time: a replay is read to the tenth of a second. */
export function replayClockText(ms: number): string {
  const d = new Date(ms);
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${Math.floor(d.getMilliseconds() / 100)}`;
}
