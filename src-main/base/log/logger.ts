// One logger for the main process. Every line passes through redactSecrets before it reaches
// the console or the log file, so no caller has to remember to redact. The file (configured by
// the shells: `<data folder>/logs/skywall.log`, rotated) is what a maintainer asks an operator
// to send in.
import path from 'node:path';
import { redactSecrets, redactValue } from './redact.js';
import { RotatingFile, type RotatingFileOptions } from './rotating-file.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
/** One entry is cut here: a peer that sends a megabyte of error text must not flood the log. */
export const MAX_ENTRY_CHARS = 8 * 1024;

export interface Logger {
  debug(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

export interface LogConfig {
  /** Lowest level written (default `info`, or SKYWALL_LOG_LEVEL). */
  level?: LogLevel;
  /**
   * Also print to the console (default true): warnings and errors to stderr, the rest to stdout.
   * With a file the console shows warnings and errors only; the file has the rest.
   */
  console?: boolean;
  /** Write to a rotating file in this folder; omitted: no file. */
  file?: RotatingFileOptions;
}

interface Sink {
  level: LogLevel;
  console: boolean;
  consoleLevel: LogLevel;
  file?: RotatingFile;
}

function levelFrom(value: string | undefined): LogLevel | undefined {
  return value && Object.hasOwn(RANK, value) ? (value as LogLevel) : undefined;
}

/** Where the shells keep the log: `logs/` in the app's data folder. */
export function logFolderIn(dataDir: string): string {
  return path.join(dataDir, 'logs');
}

const initialLevel = levelFrom(process.env.SKYWALL_LOG_LEVEL) ?? 'info';
let sink: Sink = { level: initialLevel, console: true, consoleLevel: initialLevel };

/**
 * Sets where log lines go, for the whole process. Returns the log file's path when there is
 * one. A file that cannot be opened leaves logging on the console and says so there.
 */
export function configureLog(config: LogConfig): string | undefined {
  closeLog();
  let file: RotatingFile | undefined;
  if (config.file) {
    try {
      file = new RotatingFile(config.file);
    } catch (e) {
      console.error(redactSecrets(`[log] cannot open the log file in ${config.file.dir}: ${describe(e)}`));
    }
  }
  const level = config.level ?? initialLevel;
  sink = { level, console: config.console ?? true, consoleLevel: file && RANK[level] < RANK.warn ? 'warn' : level, file };
  return file?.path;
}

/** Closes the log file; later lines go to the console only. */
export function closeLog(): void {
  const file = sink.file;
  sink = { ...sink, file: undefined, console: true, consoleLevel: sink.level };
  try {
    file?.close();
  } catch {
    // Closing a file that already failed: nothing left to save.
  }
}

export function logFilePath(): string | undefined {
  return sink.file?.path;
}

/** A logger whose lines carry `[scope]`, e.g. `logger('relay')`. */
export function logger(scope: string): Logger {
  return {
    debug: (message, detail) => write('debug', scope, message, detail),
    info: (message, detail) => write('info', scope, message, detail),
    warn: (message, detail) => write('warn', scope, message, detail),
    error: (message, detail) => write('error', scope, message, detail),
  };
}

function describe(detail: unknown): string {
  if (detail instanceof Error) return detail.stack ?? `${detail.name}: ${detail.message}`;
  if (typeof detail === 'string') return detail;
  try {
    return JSON.stringify(redactValue(detail)) ?? String(detail);
  } catch {
    return String(detail);
  }
}

/** The text of one entry, secrets masked, continuation lines indented, length capped. */
export function formatEntry(level: LogLevel, scope: string, message: string, detail: unknown, at: Date): string {
  const raw = detail === undefined ? message : `${message}: ${describe(detail)}`;
  // Masked before it is cut, so a cut can never leave half a secret unmasked; the first cut
  // (far beyond the second) only bounds the work of masking.
  let body = redactSecrets(`[${scope}] ${raw.slice(0, MAX_ENTRY_CHARS * 8)}`);
  if (body.length > MAX_ENTRY_CHARS) body = `${body.slice(0, MAX_ENTRY_CHARS)} …(cut, ${raw.length} chars)`;
  return `${at.toISOString()} ${level.toUpperCase().padEnd(5)} ${body}`.replace(/\r?\n/g, '\n    ');
}

function write(level: LogLevel, scope: string, message: string, detail: unknown): void {
  if (RANK[level] < RANK[sink.level]) return;
  const entry = formatEntry(level, scope, message, detail, new Date());
  if (sink.console && RANK[level] >= RANK[sink.consoleLevel]) (level === 'error' ? console.error : level === 'warn' ? console.warn : console.log)(entry);
  if (!sink.file) return;
  try {
    sink.file.write(entry + '\n');
  } catch (e) {
    // A full disk or a removed folder must not take the app down: say it once, keep the console.
    const path = sink.file.path;
    closeLog();
    console.error(redactSecrets(`[log] writing ${path} failed, logging to the console only: ${describe(e)}`));
  }
}
