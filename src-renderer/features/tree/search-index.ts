// Camera search by name, full pinyin and pinyin initials ("xrz" finds 新荣镇). The pinyin of a name
// is worked out once and kept (`NameKeyCache`), ahead of time in small slices while the page is
// idle (`warmNameKeys`), so a keystroke only compares strings.
import { pinyin } from 'pinyin-pro';
import type { TreeDeviceSource } from './tree-model.js';

/** The forms a name can be found by, lower case and without spaces. */
export interface NameKeys {
  text: string;
  full: string;
  initials: string;
}

export type NameKeyCache = Map<string, NameKeys>;

const SPACES = /\s+/g;

export function nameKeys(name: string): NameKeys {
  const text = name.toLowerCase().replace(SPACES, '');
  // One syllable per Chinese character, one element per other character: initials are the first letters.
  const syllables = pinyin(name, { toneType: 'none', type: 'array' }).map((s) => s.toLowerCase().replace(SPACES, ''));
  return { text, full: syllables.join(''), initials: syllables.map((s) => s.charAt(0)).join('') };
}

function keysOf(cache: NameKeyCache, name: string): NameKeys {
  let keys = cache.get(name);
  if (!keys) {
    keys = nameKeys(name);
    cache.set(name, keys);
  }
  return keys;
}

/**
 * Works out the keys of names not in the cache until `budgetMs` is spent; true when all are done.
 * Called in slices while the page is idle, so 1,000 new names never hold the page at once.
 */
export function warmNameKeys(devices: readonly TreeDeviceSource[], cache: NameKeyCache, budgetMs: number, now: () => number = () => performance.now()): boolean {
  const until = now() + budgetMs;
  for (const d of devices) {
    for (const name of [d.name, ...d.cameras.map((c) => c.name)]) {
      if (cache.has(name)) continue;
      if (now() >= until) return false;
      keysOf(cache, name);
    }
  }
  return true;
}

/** The three forms in one string, split by a character no query holds, so a term is one `includes`. */
const SEP = '\u0001';
const haystack = (k: NameKeys): string => `${k.text}${SEP}${k.full}${SEP}${k.initials}`;

export interface SearchIndex {
  /** The cameras whose name (or device name) matches every word of the query; undefined for an empty query. */
  search(query: string): Set<string> | undefined;
  readonly size: number;
}

interface Entry {
  cameraId: string;
  cameraName: string;
  deviceName: string;
  /** Filled at the first search that reaches the entry. */
  camera?: string;
  device?: string;
}

export function buildSearchIndex(devices: readonly TreeDeviceSource[], cache: NameKeyCache = new Map()): SearchIndex {
  const entries: Entry[] = devices.flatMap((d) => d.cameras.map((c) => ({ cameraId: c.id, cameraName: c.name, deviceName: d.name })));
  return {
    size: entries.length,
    search(query) {
      const terms = query.toLowerCase().replaceAll(SEP, '').split(SPACES).filter(Boolean);
      if (terms.length === 0) return undefined;
      const found = new Set<string>();
      for (const e of entries) {
        const camera = (e.camera ??= haystack(keysOf(cache, e.cameraName)));
        const device = (e.device ??= haystack(keysOf(cache, e.deviceName)));
        let all = true;
        for (const t of terms) {
          if (!camera.includes(t) && !device.includes(t)) {
            all = false;
            break;
          }
        }
        if (all) found.add(e.cameraId);
      }
      return found;
    },
  };
}
