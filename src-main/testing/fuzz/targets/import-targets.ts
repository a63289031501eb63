// Bulk import files come from outside (an operator's spreadsheet, a playlist from anywhere): the
// CSV and M3U readers and the row check must take any text, cut anywhere, without throwing,
// numbering rows in file order.
import { checkImportRow, createImportReader, type ReadRow } from '../../../devices/import/index.js';
import { BrokenPromise, text, type FuzzTarget } from '../target.js';

function readInPieces(format: 'csv' | 'm3u', input: string): ReadRow[] {
  const reader = createImportReader(format);
  // Cut where the input says, so the same run also tries piece boundaries.
  const cut = input.length > 0 ? input.charCodeAt(0) % (input.length + 1) : 0;
  return [...reader.push(input.slice(0, cut)), ...reader.push(input.slice(cut)), ...reader.end()];
}

function checkRows(format: 'csv' | 'm3u', input: string): void {
  const rows = readInPieces(format, input);
  const whole = createImportReader(format);
  const once = [...whole.push(input), ...whole.end()];
  if (JSON.stringify(rows) !== JSON.stringify(once)) throw new BrokenPromise('rows differ with the text cut in two');
  let last = 0;
  for (const row of rows) {
    if (!Number.isInteger(row.line) || row.line < 1 || row.line < last) throw new BrokenPromise(`line ${row.line} after ${last}`);
    last = row.line;
    if ('cells' in row) {
      const outcome = checkImportRow(row.cells);
      if (outcome.ok && outcome.input.cameras.length === 0 && outcome.input.kind !== 'onvif') throw new BrokenPromise('a device without cameras');
    }
  }
}

export const csvImport: FuzzTarget = {
  name: 'csv-import',
  about: 'CSV import text through the reader (cut in two pieces and whole: same rows) and the row check; nothing thrown, rows in file order',
  maxLength: 4096,
  dictionary: [',', ';', '\t', '"', '""', '\r\n', '\n', '\r', '\uFEFF', '名称,地址,厂商,区域,用户名,密码,通道数\n', 'rtsp://', 'http://a/b.flv', '10.0.0.1', ':554', '海康威视', 'dahua', 'onvif', '/', '%', '@', '\u202E'],
  run(input) {
    checkRows('csv', text(input));
  },
};

export const m3uImport: FuzzTarget = {
  name: 'm3u-import',
  about: 'M3U import text through the reader (cut in two pieces and whole: same entries) and the row check; nothing thrown, entries in file order',
  maxLength: 4096,
  dictionary: ['#EXTM3U\n', '#EXTINF:-1', ' group-title="', ' tvg-name="', '",', ',', '\n', '\r\n', 'rtsp://', 'http://h/x.m3u8', 'ws://h/x.flv', '县/镇', '"'],
  run(input) {
    checkRows('m3u', text(input));
  },
};
