// The last line of "no request, packet or file can end the main process": an exception nothing
// caught, or a rejection nobody handled, is logged (the logger masks secrets) and reported to
// the operator as a problem, and the process keeps running. Servers and parsers catch their own
// errors first; reaching this handler is a bug, and the test suites fail on its log line.
import { logger, type Logger } from '../log/index.js';

/** The log line's message; e2e fixtures fail a test whose host process printed it. */
export const UNCAUGHT_MESSAGE = 'uncaught error, the app keeps running';

/** Problem code shown to the operator (i18n `problems.internal_error`). */
export const INTERNAL_ERROR_PROBLEM = 'internal_error';

export interface LastResortOptions {
  /** Shows the operator a problem banner; called at most once per `reportEveryMs`. */
  report: (problem: { code: string; params?: Record<string, string | number> }) => void;
  log?: Logger;
  /** Quiet time between two banners (a flood of one error must not flood the screen). Default 10 s. */
  reportEveryMs?: number;
  now?: () => number;
  /** The process to guard (default `process`). */
  target?: Pick<NodeJS.Process, 'on' | 'off'>;
}

/** Installs the handlers; returns a function that removes them. */
export function installLastResort(opts: LastResortOptions): () => void {
  const log = opts.log ?? logger('process');
  const now = opts.now ?? Date.now;
  const every = opts.reportEveryMs ?? 10_000;
  const target = opts.target ?? process;
  let lastReport = Number.NEGATIVE_INFINITY;

  const handle = (kind: 'exception' | 'rejection', error: unknown): void => {
    try {
      log.error(`${UNCAUGHT_MESSAGE} (${kind})`, error);
    } catch {
      // Logging failed (a full disk, say): the banner still goes out.
    }
    if (now() - lastReport < every) return;
    lastReport = now();
    try {
      opts.report({ code: INTERNAL_ERROR_PROBLEM, params: { kind: error instanceof Error ? error.name : typeof error } });
    } catch {
      // Nothing more to do from here; the log has it.
    }
  };
  const onException = (error: unknown): void => handle('exception', error);
  const onRejection = (reason: unknown): void => handle('rejection', reason);
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
}
