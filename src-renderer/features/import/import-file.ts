// Reading the operator's file for a bulk import: the text in UTF-8, or GB18030 when it is not
// UTF-8 (Excel in Chinese saves CSV that way), cut into pieces main takes one at a time.
import { IMPORT_CHUNK_CHARS } from '@common/contract/import.js';

/** Largest file taken (20,000 rows of a few hundred bytes fit many times over). */
export const MAX_IMPORT_FILE_BYTES = 32 * 1024 * 1024;

export function decodeImportFile(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** The text in pieces of at most `size` characters, never splitting a surrogate pair. */
export function* importPieces(text: string, size = IMPORT_CHUNK_CHARS): Generator<string> {
  let at = 0;
  while (at < text.length) {
    let end = Math.min(text.length, at + size);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    yield text.slice(at, end);
    at = end;
  }
}
