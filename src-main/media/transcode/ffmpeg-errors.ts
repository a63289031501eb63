// Turns how ffmpeg ended (exit code, signal, the tail of its stderr) into the hub's error codes,
// with a message that carries no credentials.
import type { ProducerError } from '../hub/producer.js';
import { redactUrl } from '../rtsp/rtsp-url.js';

/** Shorter passwords would mask ordinary digits in the message; the URL userinfo is masked anyway. */
const MIN_MASKED_SECRET = 4;

/** Removes credentials from ffmpeg output: URL userinfo, and the password wherever else it appears. */
export function redactFfmpegText(text: string, password?: string): string {
  let out = redactUrl(text);
  if (password && password.length >= MIN_MASKED_SECRET) {
    for (const form of new Set([password, encodeURIComponent(password)])) out = out.split(form).join('***');
  }
  return out;
}

/** The most telling line: the last one that names a failure, else the last line. */
function keyLine(stderr: string): string {
  const lines = stderr.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const telling = lines.filter((l) => /error|failed|returned|refused|unreachable|timed out|invalid|unknown|not found|unauthorized|forbidden/i.test(l));
  return (telling.at(-1) ?? lines.at(-1) ?? '').slice(0, 300);
}

export interface FfmpegExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Tail of stderr (already redacted or not: it is redacted again here). */
  stderr: string;
  password?: string;
}

/** Undefined when ffmpeg ended normally (the source ended the stream). */
export function ffmpegExitError(exit: FfmpegExit): ProducerError | undefined {
  if (exit.code === 0) return undefined;
  const text = redactFfmpegText(exit.stderr, exit.password);
  const line = keyLine(text);
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  const detail = line ? `: ${line}` : '';
  const msg = (advice: string): string => `ffmpeg transcode ${how}${detail}${advice ? ` (${advice})` : ''}`;

  // Classify without the URLs: a path like /Streaming/Channels/401 is no status code.
  const bare = text.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, '<url>');
  if (/\b401\b|unauthori[sz]ed/i.test(bare)) return { code: 'auth_failed', message: msg('the camera rejected the user name or password') };
  if (/\b403\b|forbidden/i.test(bare)) return { code: 'auth_failed', message: msg('the user may not open this stream') };
  if (/\b404\b|Server returned 4\d\d Not Found/i.test(bare)) return { code: 'not_found', message: msg('no such stream on the camera; check the stream path') };
  if (/Unknown encoder|Encoder \(?[\w ]*\)? ?not found/i.test(bare)) return { code: 'unsupported_codec', message: msg('this ffmpeg cannot encode H.264 with libx264') };
  if (/connection refused|no route to host|network is unreachable|host is unreachable|name or service not known|temporary failure in name resolution|cannot assign requested address/i.test(bare)) {
    return { code: 'unreachable', message: msg('the camera cannot be reached') };
  }
  if (/timed out|timeout/i.test(bare)) return { code: 'timeout', message: msg('the camera did not answer in time') };
  return { code: 'protocol', message: msg('') };
}
