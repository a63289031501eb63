// An append-only text file that never grows past a size cap: when the next line would not fit,
// `skywall.log` becomes `skywall.1.log`, older ones move up one, and the oldest is dropped. At
// most `maxFiles` files exist, so the whole log stays under maxBytes × maxFiles.
import { closeSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

export interface RotatingFileOptions {
  dir: string;
  /** File name without extension (default `skywall`). */
  name?: string;
  /** Size cap of one file in bytes (default 1 MiB). */
  maxBytes?: number;
  /** Files kept, the current one included (default 5). */
  maxFiles?: number;
}

export const DEFAULT_LOG_MAX_BYTES = 1024 * 1024;
export const DEFAULT_LOG_MAX_FILES = 5;

export class RotatingFile {
  readonly path: string;
  readonly maxBytes: number;
  readonly maxFiles: number;
  private readonly dir: string;
  private readonly name: string;
  private fd: number;
  private size: number;

  constructor(opts: RotatingFileOptions) {
    this.dir = opts.dir;
    this.name = opts.name ?? 'skywall';
    this.maxBytes = Math.max(1024, opts.maxBytes ?? DEFAULT_LOG_MAX_BYTES);
    this.maxFiles = Math.max(1, Math.floor(opts.maxFiles ?? DEFAULT_LOG_MAX_FILES));
    this.path = this.fileAt(0);
    // Logs can name hosts and users: readable by the owner only, like the settings.
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    this.fd = openSync(this.path, 'a', 0o600);
    this.size = fstatSync(this.fd).size;
  }

  /** `skywall.log` for 0, `skywall.N.log` for older files. */
  fileAt(index: number): string {
    return path.join(this.dir, index === 0 ? `${this.name}.log` : `${this.name}.${index}.log`);
  }

  /** Appends text (one or more whole lines), rotating first when it would pass the cap. */
  write(text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    if (this.size > 0 && this.size + bytes.length > this.maxBytes) this.rotate();
    writeSync(this.fd, bytes);
    this.size += bytes.length;
  }

  close(): void {
    closeSync(this.fd);
  }

  private rotate(): void {
    closeSync(this.fd);
    rmSync(this.fileAt(this.maxFiles - 1), { force: true });
    for (let i = this.maxFiles - 2; i >= 0; i--) {
      try {
        renameSync(this.fileAt(i), this.fileAt(i + 1));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
    // With one file allowed, the loop above moved nothing: start the file over.
    this.fd = openSync(this.path, this.maxFiles === 1 ? 'w' : 'a', 0o600);
    this.size = 0;
  }
}
