// One ffmpeg child for the transcode: spawned with pipes on stdin/stdout, its stderr kept as a
// short tail (for the exit error) and passed on line by line (capped) for logs. The command
// line carries no URL and no credentials, so /proc/<pid>/cmdline reveals nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { ProducerError } from '../hub/producer.js';
import { terminate, track } from './child-reaper.js';
import { ffmpegCommand } from './ffmpeg-detect.js';
import { ffmpegExitError, redactFfmpegText } from './ffmpeg-errors.js';

const STDERR_TAIL_CHARS = 4096;
const MAX_LOG_LINES = 20;

export interface FfmpegProcessOptions {
  /** Binary to run (default ffmpegCommand()). */
  path?: string;
  args: string[];
  onLog?: (line: string) => void;
  /** Once, when the process is gone: how it ended (undefined = normal end). */
  onEnd: (error: ProducerError | undefined) => void;
}

export class FfmpegProcess {
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;
  private stderrTail = '';
  private partialLine = '';
  private logLines = 0;
  private ended = false;
  private killing = false;

  constructor(private readonly opts: FfmpegProcessOptions) {
    const child = spawn(opts.path ?? ffmpegCommand(), opts.args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    this.child = child;
    track(child);
    this.exited = new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.once('error', () => resolve());
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => this.onStderr(text));
    child.once('error', (e: NodeJS.ErrnoException) => {
      this.end({ code: 'internal', message: `ffmpeg could not be started (${e.code ?? e.message}); install ffmpeg or set SKYWALL_FFMPEG to its path` });
    });
    child.once('exit', (code, signal) => this.end(ffmpegExitError({ code, signal, stderr: this.stderrTail })));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get stdin(): Writable {
    return this.child.stdin!;
  }

  get stdout(): Readable {
    return this.child.stdout!;
  }

  /** Resolves when the process has exited (or never started). */
  whenExited(): Promise<void> {
    return this.exited;
  }

  /** SIGTERM, SIGTERM, SIGKILL (child-reaper); stdin is closed first so ffmpeg sees the end of input. */
  kill(): Promise<void> {
    // What ffmpeg says while ending on purpose (e.g. about the cut-off last unit) is no news.
    this.killing = true;
    this.child.stdin?.end();
    return terminate(this.child);
  }

  private end(error: ProducerError | undefined): void {
    if (this.ended) return;
    this.ended = true;
    this.opts.onEnd(error);
  }

  private onStderr(text: string): void {
    this.stderrTail = (this.stderrTail + text).slice(-STDERR_TAIL_CHARS);
    if (!this.opts.onLog || this.killing) return;
    const lines = (this.partialLine + text).split(/\r?\n/);
    this.partialLine = (lines.pop() ?? '').slice(-STDERR_TAIL_CHARS);
    for (const line of lines) {
      if (!line.trim()) continue;
      // A damaged stream can make the decoder complain every frame: keep the log readable.
      if (++this.logLines <= MAX_LOG_LINES) this.opts.onLog(redactFfmpegText(line));
      else if (this.logLines === MAX_LOG_LINES + 1) this.opts.onLog('(further ffmpeg messages of this attempt suppressed)');
    }
  }
}
