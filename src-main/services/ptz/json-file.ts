// A small JSON document of the PTZ service in the data folder, replaced atomically (temp file,
// then rename) and written one save at a time, so a killed process leaves the old or the new
// document, never half of one. An unreadable file is moved aside, not silently lost.
import { renameSync, writeFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export class JsonFile<T> {
  private chain: Promise<void> = Promise.resolve();
  private seq = 0;

  private constructor(
    private readonly file: string,
    private value: T,
  ) {}

  static async open<T>(dir: string, name: string, empty: () => T, accept: (raw: unknown) => T | undefined): Promise<JsonFile<T>> {
    const file = path.join(dir, name);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    let value: T | undefined;
    if (text !== undefined) {
      try {
        value = accept(JSON.parse(text));
      } catch {
        value = undefined;
      }
      if (value === undefined) await rename(file, `${file}.unreadable-${Date.now()}`).catch(() => undefined);
    }
    return new JsonFile(file, value ?? empty());
  }

  get(): T {
    return this.value;
  }

  /** Changes the document and resolves once it is on disk. */
  update(change: (draft: T) => T): Promise<void> {
    this.value = change(this.value);
    const text = JSON.stringify(this.value);
    const tmp = `${this.file}.tmp-${process.pid}-${++this.seq}`;
    const write = this.chain.then(async () => {
      await writeFile(tmp, text, 'utf8');
      await rename(tmp, this.file);
    });
    this.chain = write.catch(() => undefined);
    return write;
  }

  /**
   * The same, written before returning: for a tiny document on the hot path (the moving record
   * written ahead of a move), where a turn through the busy I/O thread pool costs more than the write.
   * A file uses either this or update(), never both.
   */
  updateSync(change: (draft: T) => T): void {
    this.value = change(this.value);
    const tmp = `${this.file}.tmp-${process.pid}-${++this.seq}`;
    writeFileSync(tmp, JSON.stringify(this.value), 'utf8');
    renameSync(tmp, this.file);
  }

  /** Resolves when every save started so far has finished. */
  flushed(): Promise<void> {
    return this.chain;
  }
}
