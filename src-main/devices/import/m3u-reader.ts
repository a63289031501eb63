// An M3U playlist fed in pieces, answered as entries: the stream URL, the name and group of its
// #EXTINF line (`#EXTINF:-1 group-title="县/镇",Name`), and the line the entry starts on.
// Other directives (#EXTM3U, #EXTVLCOPT, ...) and blank lines are skipped.
import { createLineReader, type NumberedLine } from './line-reader.js';

export interface M3uEntry {
  /** The #EXTINF line when there is one, else the URL's line. */
  line: number;
  url: string;
  name?: string;
  group?: string;
}

export interface M3uReader {
  push(text: string): M3uEntry[];
  end(): M3uEntry[];
}

const ATTRIBUTE = /([A-Za-z0-9_-]+)="([^"]*)"/g;

/** The title after the first comma outside quotes, and the attributes before it. */
export function parseExtinf(rest: string): { name?: string; group?: string } {
  let inQuotes = false;
  let comma = -1;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '"') inQuotes = !inQuotes;
    else if (rest[i] === ',' && !inQuotes) {
      comma = i;
      break;
    }
  }
  const attributes = comma >= 0 ? rest.slice(0, comma) : rest;
  const name = comma >= 0 ? rest.slice(comma + 1).trim() : '';
  let group: string | undefined;
  let tvgName: string | undefined;
  for (const m of attributes.matchAll(ATTRIBUTE)) {
    const key = m[1].toLowerCase();
    if (key === 'group-title') group = m[2].trim();
    else if (key === 'tvg-name') tvgName = m[2].trim();
  }
  const title = name || tvgName;
  return { ...(title ? { name: title } : {}), ...(group ? { group } : {}) };
}

export function createM3uReader(): M3uReader {
  const lines = createLineReader();
  let pending: { line: number; name?: string; group?: string } | undefined;
  const take = (numbered: NumberedLine[]): M3uEntry[] => {
    const out: M3uEntry[] = [];
    for (const { line, text } of numbered) {
      const t = text.trim();
      if (t === '') continue;
      if (t.startsWith('#')) {
        if (/^#EXTINF:/i.test(t)) pending = { line, ...parseExtinf(t.slice(8)) };
        continue;
      }
      out.push({ ...pending, line: pending?.line ?? line, url: t });
      pending = undefined;
    }
    return out;
  };
  return {
    push: (text) => take(lines.push(text)),
    end: () => take(lines.end()),
  };
}
