import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../testing/storage/temp-dir.js';
import { RotatingFile } from './rotating-file.js';

const tempDir = useTempDirs();

/** A 100-byte line (99 characters and a newline) carrying its number. */
const line = (n: number): string => `line ${String(n).padStart(5, '0')} `.padEnd(99, '.') + '\n';
const numbers = (file: string): number[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => Number(/^line (\d+) /.exec(l)?.[1]));

describe('RotatingFile', () => {
  it('appends, and a reopened file goes on where it ended', () => {
    const dir = tempDir();
    const a = new RotatingFile({ dir });
    a.write(line(1));
    a.close();
    const b = new RotatingFile({ dir });
    b.write(line(2));
    b.close();
    expect(numbers(path.join(dir, 'skywall.log'))).toEqual([1, 2]);
  });

  it('rotates at the size cap, keeps maxFiles files of whole lines, newest in skywall.log', () => {
    const dir = tempDir();
    const f = new RotatingFile({ dir, maxBytes: 1024, maxFiles: 3 });
    for (let n = 1; n <= 100; n++) f.write(line(n));
    f.close();
    const files = [f.fileAt(0), f.fileAt(1), f.fileAt(2)];
    for (const file of files) expect(statSync(file).size).toBeLessThanOrEqual(1024);
    expect(existsSync(f.fileAt(3))).toBe(false);
    // 10 lines fit in 1024 bytes: the last 30 lines survive, oldest in skywall.2.log.
    expect(numbers(files[2]!)).toEqual([71, 72, 73, 74, 75, 76, 77, 78, 79, 80]);
    expect(numbers(files[1]!)).toEqual([81, 82, 83, 84, 85, 86, 87, 88, 89, 90]);
    expect(numbers(files[0]!)).toEqual([91, 92, 93, 94, 95, 96, 97, 98, 99, 100]);
  });

  it('with one file allowed, starts it over instead of growing', () => {
    const dir = tempDir();
    const f = new RotatingFile({ dir, maxBytes: 1024, maxFiles: 1 });
    for (let n = 1; n <= 25; n++) f.write(line(n));
    f.close();
    expect(numbers(f.path)).toEqual([21, 22, 23, 24, 25]);
    expect(existsSync(f.fileAt(1))).toBe(false);
  });

  it('is readable by its owner only', () => {
    const f = new RotatingFile({ dir: tempDir() });
    f.write(line(1));
    f.close();
    expect(statSync(f.path).mode & 0o777).toBe(0o600);
  });
});
