// A file we cannot use is never overwritten: it is renamed to
// `<name>.corrupt-<UTC timestamp>.json` beside the original and reported as a Problem, so an
// operator (or support) can recover it. Only then do callers fall back to defaults.
import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { Problem } from '../common/contract/app.js';
import { SkywallError } from '../common/model/errors.js';

export type CorruptReason = 'invalid_json' | 'not_an_object' | 'io' | 'schema' | 'future_version';

/** `2025-01-02T03:04:05.678Z` -> `20250102T030405Z` (no colons: valid on Windows). */
export function fileTimestamp(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** Renames `filePath` aside and returns the new absolute path. Never replaces an existing file. */
export function moveAside(filePath: string, at: Date): string {
  const dir = path.dirname(filePath);
  const ext = path.extname(filePath);
  const base = path.basename(filePath, ext);
  const stamp = fileTimestamp(at);
  for (let n = 1; n < 1000; n++) {
    const candidate = path.join(dir, `${base}.corrupt-${stamp}${n === 1 ? '' : `-${n}`}${ext}`);
    if (existsSync(candidate)) continue;
    try {
      renameSync(filePath, candidate);
      return candidate;
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      // Refusing to continue is the only safe choice: writing defaults now would destroy the file.
      throw new SkywallError(
        'storage',
        `${filePath} is unusable and cannot be moved aside (${err.code ?? err.message}); fix its permissions or move it away by hand`,
        { file: filePath },
      );
    }
  }
  throw new SkywallError('storage', `too many quarantined copies of ${filePath}; clean up ${dir}`, { file: filePath });
}

export function storageCorruptProblem(file: string, movedTo: string, reason: CorruptReason, at: Date): Problem {
  // Parser messages can quote file content (maybe a secret), so only the reason code goes out.
  return { code: 'storage_corrupt', params: { file, movedTo, reason }, at: at.toISOString() };
}

/** Moves the file aside and returns the Problem describing it. */
export function quarantine(filePath: string, reason: CorruptReason, at: Date): Problem {
  const movedTo = moveAside(filePath, at);
  return storageCorruptProblem(filePath, movedTo, reason, at);
}
