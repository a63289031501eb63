// Text fed in pieces, answered as whole lines with their 1-based line numbers (CRLF, LF or CR).
// A line longer than MAX_LINE_CHARS is cut there; the rest of it is dropped.

export interface NumberedLine {
  line: number;
  text: string;
}

export const MAX_LINE_CHARS = 16 * 1024;

export interface LineReader {
  push(text: string): NumberedLine[];
  end(): NumberedLine[];
}

export function createLineReader(): LineReader {
  let partial = '';
  let line = 1;
  let afterCr = false;
  let first = true;
  return {
    push(text) {
      const out: NumberedLine[] = [];
      let start = 0;
      if (first && text.length > 0) {
        first = false;
        if (text[0] === '\uFEFF') start = 1;
      }
      for (let i = start; i < text.length; i++) {
        const ch = text[i];
        if (afterCr) {
          afterCr = false;
          if (ch === '\n') {
            start = i + 1;
            continue;
          }
        }
        if (ch !== '\r' && ch !== '\n') continue;
        if (partial.length < MAX_LINE_CHARS) partial += text.slice(start, Math.min(i, start + MAX_LINE_CHARS - partial.length));
        out.push({ line: line++, text: partial });
        partial = '';
        afterCr = ch === '\r';
        start = i + 1;
      }
      if (partial.length < MAX_LINE_CHARS) partial += text.slice(start, Math.min(text.length, start + MAX_LINE_CHARS - partial.length));
      return out;
    },
    end() {
      const out = partial.length > 0 ? [{ line, text: partial }] : [];
      partial = '';
      return out;
    },
  };
}
