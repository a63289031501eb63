// The committed corpus: corpus/<target>/ holds one input per file (seeds made from real
// traffic, and every crash or hang found so far, which then replay on each run).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** src-main/testing/fuzz/corpus, found from this file or from the bundle's working directory. */
export function defaultCorpusRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const beside = path.join(here, 'corpus');
  if (existsSync(beside)) return beside;
  return path.resolve(process.cwd(), 'src-main/testing/fuzz/corpus');
}

/** Every file of corpus/<target>/, sorted by name so runs are reproducible. README files are not inputs. */
export function loadCorpus(root: string, target: string): Uint8Array[] {
  const dir = path.join(root, target);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.') && !/\.md$/i.test(name))
    .sort()
    .map((name) => new Uint8Array(readFileSync(path.join(dir, name))));
}

export function inputHash(input: Uint8Array): string {
  return createHash('sha1').update(input).digest('hex').slice(0, 16);
}

/** Writes a failing input as corpus/<target>/<kind>-<hash>; returns its path. */
export function saveFinding(root: string, target: string, kind: string, input: Uint8Array): string {
  const dir = path.join(root, target);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${kind}-${inputHash(input)}`);
  writeFileSync(file, input);
  return file;
}

export function saveSeed(root: string, target: string, name: string, input: Uint8Array): void {
  const dir = path.join(root, target);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, name), input);
}
