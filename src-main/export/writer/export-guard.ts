// Watches one export while it runs: the operator's cancel and the target folder itself. A
// drive pulled or unmounted (even lazily, when open files keep "working" on a detached file
// system) shows up as the folder's path no longer naming the folder we created. Any pending
// step is raced against the guard, so a hung write cannot delay the report.
import { stat } from 'node:fs/promises';
import { ExportError } from './export-error.js';

export interface ExportGuardOptions {
  signal?: AbortSignal;
  /** How often the target folder is checked (default 250 ms). */
  intervalMs?: number;
}

export class ExportGuard {
  private failure: ExportError | undefined;
  private rejectFault!: (e: ExportError) => void;
  private readonly faulted: Promise<never>;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly onAbort = (): void => this.fail(new ExportError('cancelled', 'export cancelled'));

  constructor(private readonly options: ExportGuardOptions = {}) {
    this.faulted = new Promise<never>((_, reject) => (this.rejectFault = reject));
    this.faulted.catch(() => undefined);
    if (options.signal?.aborted) this.onAbort();
    else options.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Starts checking that `folder` is still the directory with this device and inode. */
  watchFolder(folder: string, dev: number, ino: number): void {
    this.stopWatching();
    this.timer = setInterval(() => {
      stat(folder).then(
        (s) => {
          if (s.dev !== dev || s.ino !== ino) this.fail(new ExportError('target_gone', `target folder ${folder} was unmounted or replaced`));
        },
        (e: NodeJS.ErrnoException) => this.fail(new ExportError('target_gone', `target folder ${folder} is gone (${e.code ?? e.message})`)),
      );
    }, this.options.intervalMs ?? 250);
    this.timer.unref?.();
  }

  fail(error: ExportError): void {
    if (this.failure) return;
    this.failure = error;
    this.rejectFault(error);
  }

  get error(): ExportError | undefined {
    return this.failure;
  }

  /** Throws the failure, if any. */
  check(): void {
    if (this.failure) throw this.failure;
  }

  /** Resolves like `step`, or rejects with the guard's failure as soon as there is one. */
  race<T>(step: Promise<T>): Promise<T> {
    step.catch(() => undefined);
    return Promise.race([step, this.faulted]);
  }

  stopWatching(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.stopWatching();
    this.options.signal?.removeEventListener('abort', this.onAbort);
  }
}
