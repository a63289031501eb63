// Turns how ffmpeg ended (exit code, signal, the tail of its stderr) into the hub's error codes.
// ffmpeg no longer touches the network (it reads our pipe), so only its own failures are left:
// a missing encoder, a stream it cannot decode, a crash. Camera errors come from the source.
import type { ProducerError } from '../hub/producer.js';
import { redactUrl } from '../rtsp/rtsp-url.js';

/** Masks URL userinfo in ffmpeg output (defence in depth: no URL is ever handed to ffmpeg now). */
export function redactFfmpegText(text: string): string {
  return redactUrl(text);
}

/** The most telling line: the last one that names a failure, else the last line. */
function keyLine(stderr: string): string {
  const lines = stderr.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const telling = lines.filter((l) => /error|failed|returned|invalid|unknown|not found|could not|cannot/i.test(l));
  return (telling.at(-1) ?? lines.at(-1) ?? '').slice(0, 300);
}

export interface FfmpegExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Tail of stderr (redacted here). */
  stderr: string;
}

/** Undefined when ffmpeg ended normally (its input ended). */
export function ffmpegExitError(exit: FfmpegExit): ProducerError | undefined {
  if (exit.code === 0) return undefined;
  const line = keyLine(redactFfmpegText(exit.stderr));
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  const detail = line ? `: ${line}` : '';
  const msg = (advice: string): string => `ffmpeg transcode ${how}${detail}${advice ? ` (${advice})` : ''}`;

  if (/Unknown encoder|Encoder \(?[\w ]*\)? ?not found/i.test(exit.stderr)) {
    return { code: 'unsupported_codec', message: msg('this ffmpeg cannot encode H.264 with libx264') };
  }
  if (/Decoder \(?[\w ]*\)? ?not found|Unknown input format|Unsupported codec/i.test(exit.stderr)) {
    return { code: 'unsupported_codec', message: msg('this ffmpeg cannot decode the camera stream') };
  }
  return { code: 'protocol', message: msg('') };
}
