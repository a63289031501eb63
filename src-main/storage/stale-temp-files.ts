// The document is replaced atomically: written to `<file>.tmp-<suffix>`, then renamed. A process
// killed between the two leaves the temp file behind, and nothing else ever removes it. At open,
// before this process writes anything, every such file of ours is a leftover; one younger than a
// few seconds may still belong to another Skywall writing the same folder, and is left alone.
import { readdirSync, rmSync, statSync } from 'node:fs';
import { logger } from '../base/log/index.js';

const storageLog = logger('storage');
/** An atomic replace takes milliseconds; a temp file this old is nobody's work in progress. */
const IN_FLIGHT_MS = 10_000;

/** Removes `<fileName>.tmp-*` leftovers in `dir`; other files are never touched. Returns how many. */
export function removeStaleTempFiles(dir: string, fileName: string, now = Date.now()): number {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0; // no folder yet: nothing left behind
  }
  const prefix = `${fileName}.tmp-`;
  let removed = 0;
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    try {
      if (now - statSync(`${dir}/${name}`).mtimeMs < IN_FLIGHT_MS) continue;
      rmSync(`${dir}/${name}`, { force: true });
      removed++;
    } catch (e) {
      storageLog.warn(`could not remove the leftover ${name}`, e);
    }
  }
  return removed;
}
