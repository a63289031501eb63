// An ffmpeg process that remuxes the live source (no re-encode: -c copy) into another
// container. Pictures go to its stdin as Annex-B, cached GOP first, so its output starts on a
// keyframe. The raw h264 demuxer times the pictures from -framerate; probing is cut to the
// minimum so the first bytes come out within a few hundred ms.
import { spawn, type ChildProcess } from 'node:child_process';
import { annexB, type ClipSource } from './clip-source.js';

export interface FfmpegFeed {
  child: ChildProcess;
  /** Resolves when ffmpeg has exited (after stop(), or by itself). */
  exited: Promise<void>;
  stop(): Promise<void>;
  /** ffmpeg's stderr so far (loglevel error), for failure messages. */
  log(): string;
}

export function startFfmpegFeed(source: ClipSource, outputArgs: string[]): FfmpegFeed {
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-probesize', '32', '-analyzeduration', '0', '-f', 'h264', '-framerate', String(source.fps), '-i', 'pipe:0', '-c', 'copy', ...outputArgs];
  const child = spawn(process.env.SKYWALL_FFMPEG ?? 'ffmpeg', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    if (stderr.length < 8000) stderr += String(d);
  });
  // A viewer that leaves kills ffmpeg; writes already queued then fail with EPIPE: expected.
  child.stdin?.on('error', () => undefined);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    // ENOENT and the like: no 'exit' follows.
    child.once('error', (err) => {
      stderr += `cannot start ffmpeg: ${err.message}\n`;
      resolve();
    });
  });
  const unsubscribe = source.subscribe((au) => {
    if (child.stdin?.writable) child.stdin.write(annexB(au));
  });
  void exited.then(unsubscribe);
  return {
    child,
    exited,
    log: () => stderr,
    async stop() {
      unsubscribe();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
