// Finds out once whether an ffmpeg that can encode H.264 (libx264) is available. The path is
// `ffmpeg` from PATH unless SKYWALL_FFMPEG names another binary.
import { execFile } from 'node:child_process';

export interface FfmpegInfo {
  /** What to spawn. */
  path: string;
  /** As printed, e.g. "5.1.9-0+deb12u1" or "N-112233-gabcdef". */
  version: string;
  /** Parsed release number; undefined for git builds (treated as new). */
  major?: number;
  minor?: number;
}

export const FFMPEG_ENV = 'SKYWALL_FFMPEG';
const DETECT_TIMEOUT_MS = 5000;

const cache = new Map<string, Promise<FfmpegInfo | undefined>>();

/** The binary to use: env SKYWALL_FFMPEG when set, else `ffmpeg` from PATH. */
export function ffmpegCommand(env: NodeJS.ProcessEnv = process.env): string {
  const override = env[FFMPEG_ENV]?.trim();
  return override ? override : 'ffmpeg';
}

/** Parses `ffmpeg -version` output; undefined when it is not ffmpeg or it lacks libx264. */
export function parseFfmpegVersion(path: string, output: string): FfmpegInfo | undefined {
  const m = /^ffmpeg version (\S+)/m.exec(output);
  if (!m) return undefined;
  // Every build prints its configure line; without libx264 there is no encoder to transcode with.
  if (!/--enable-libx264\b/.test(output)) return undefined;
  const version = m[1]!;
  const num = /^n?(\d+)\.(\d+)/.exec(version);
  return num ? { path, version, major: Number(num[1]), minor: Number(num[2]) } : { path, version };
}

/**
 * Runs `<ffmpeg> -hide_banner -version` once per path and caches the answer (also a negative
 * one: installing ffmpeg needs an app restart to be noticed).
 */
export function detectFfmpeg(path: string = ffmpegCommand()): Promise<FfmpegInfo | undefined> {
  let found = cache.get(path);
  if (!found) {
    found = new Promise((resolve) => {
      execFile(path, ['-hide_banner', '-version'], { timeout: DETECT_TIMEOUT_MS, windowsHide: true }, (err, stdout) => {
        resolve(err ? undefined : parseFfmpegVersion(path, String(stdout)));
      });
    });
    cache.set(path, found);
  }
  return found;
}

/** For tests: forget cached answers. */
export function clearFfmpegDetection(): void {
  cache.clear();
}
