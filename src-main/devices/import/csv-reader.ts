// A CSV reader fed in pieces (a file arrives in chunks): RFC 4180 quoting (a quoted cell may
// hold the delimiter, doubled quotes and line breaks), CRLF, LF or CR line ends, a UTF-8 BOM.
// Each record carries the line it starts on, so the operator is told where a bad row is.
// The delimiter is the first of comma, semicolon or tab found on the first line (Excel writes
// semicolons in some locales), comma when none is.

export interface CsvRecord {
  /** 1-based line of the file the record starts on. */
  line: number;
  cells: string[];
  /** The record was still inside quotes when the file ended. */
  unclosedQuote?: true;
}

/** Longest cell kept; a longer one is cut (the row is refused by its schema anyway). */
export const MAX_CELL_CHARS = 4096;
/** Most cells kept per record. */
export const MAX_CELLS = 64;

export interface CsvReader {
  /** Feeds the next piece of text; answers the records completed by it. */
  push(text: string): CsvRecord[];
  /** The file ended: answers the last record, if any. */
  end(): CsvRecord[];
}

const DELIMITERS = [',', ';', '\t'] as const;

export function createCsvReader(): CsvReader {
  let delimiter: string | undefined;
  let head = '';
  let line = 1;
  let recordLine = 1;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  /** Inside quotes, a quote was just read: either the closing quote or the first of a doubled one. */
  let quotePending = false;
  /** The previous character was a CR (a following LF belongs to the same line end). */
  let afterCr = false;
  let started = false;
  let first = true;
  const out: CsvRecord[] = [];

  const addChar = (ch: string): void => {
    if (cell.length < MAX_CELL_CHARS) cell += ch;
  };
  const endCell = (): void => {
    if (cells.length < MAX_CELLS) cells.push(cell);
    cell = '';
  };
  const endRecord = (): void => {
    endCell();
    // A line with nothing on it is not a record.
    if (!(cells.length === 1 && cells[0] === '')) out.push({ line: recordLine, cells });
    cells = [];
    started = false;
  };

  const feed = (text: string): void => {
    for (let i = 0; i < text.length; i++) {
      let ch = text[i];
      if (first) {
        first = false;
        if (ch === '\uFEFF') continue;
      }
      if (afterCr) {
        afterCr = false;
        if (ch === '\n') continue;
      }
      if (quotePending) {
        quotePending = false;
        if (ch === '"') {
          addChar('"');
          continue;
        }
        quoted = false;
      }
      if (!started) {
        started = true;
        recordLine = line;
      }
      if (quoted) {
        if (ch === '"') quotePending = true;
        else {
          if (ch === '\r' || ch === '\n') {
            line++;
            afterCr = ch === '\r';
            ch = '\n';
          }
          addChar(ch);
        }
        continue;
      }
      if (ch === '"' && cell.trim() === '') {
        cell = '';
        quoted = true;
      } else if (ch === delimiter) endCell();
      else if (ch === '\r' || ch === '\n') {
        line++;
        afterCr = ch === '\r';
        endRecord();
      } else addChar(ch);
    }
  };

  const chooseDelimiter = (text: string): void => {
    const firstLine = text.split(/\r|\n/, 1)[0];
    delimiter = DELIMITERS.map((d) => ({ d, at: firstLine.indexOf(d) })).filter((x) => x.at >= 0).sort((a, b) => a.at - b.at)[0]?.d ?? ',';
  };

  return {
    push(text) {
      out.length = 0;
      if (delimiter === undefined) {
        // The delimiter is decided once the first line is complete (or the file ends).
        head += text;
        if (!/[\r\n]/.test(head)) return [];
        chooseDelimiter(head);
        text = head;
        head = '';
      }
      feed(text);
      return out.splice(0);
    },
    end() {
      out.length = 0;
      if (delimiter === undefined) {
        chooseDelimiter(head);
        feed(head);
        head = '';
      }
      if (quotePending) {
        quotePending = false;
        quoted = false;
      }
      if (quoted) {
        endCell();
        out.push({ line: recordLine, cells, unclosedQuote: true });
        cells = [];
        quoted = false;
        started = false;
      } else if (started) endRecord();
      return out.splice(0);
    },
  };
}
