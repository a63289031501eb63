// A CSV or M3U file fed in pieces, answered as rows of named cells with their line numbers.
// CSV: the first record is a header when it names at least two known columns (in Chinese or
// English, any order); otherwise every record is data in the documented order
// 名称, 地址, 厂商, 区域, 用户名, 密码, 通道数, 端口. M3U: each entry is a camera by its URL, the
// #EXTINF title its name and group-title its area.
import type { ImportFormat } from '../../common/contract/import.js';
import { createCsvReader } from './csv-reader.js';
import type { ImportCells } from './import-row.js';
import { createM3uReader } from './m3u-reader.js';

export type ReadRow = { line: number; cells: ImportCells } | { line: number; unclosedQuote: true };

export interface ImportReader {
  push(text: string): ReadRow[];
  end(): ReadRow[];
}

type Column = keyof ImportCells;

export const DEFAULT_COLUMNS: readonly Column[] = ['name', 'address', 'vendor', 'area', 'username', 'password', 'channels', 'port'];

/** Header words per column, lower-case, without spaces. */
const HEADER_WORDS: Record<Column, readonly string[]> = {
  name: ['name', '名称', '名字', '设备名称', '摄像机名称', '点位名称'],
  address: ['address', 'url', 'host', 'ip', '地址', 'ip地址', '设备地址', '取流地址', 'url地址'],
  vendor: ['vendor', 'kind', 'type', 'brand', '厂商', '品牌', '类型', '接入方式', '协议'],
  area: ['area', 'region', 'location', '区域', '位置', '所属区域'],
  username: ['username', 'user', 'login', '用户名', '用户', '账号'],
  password: ['password', 'pass', 'pwd', '密码'],
  channels: ['channels', 'channel', 'channelcount', '通道数', '通道', '通道数量'],
  port: ['port', '端口', '端口号'],
};

function columnOf(headerCell: string): Column | undefined {
  const word = headerCell.trim().toLowerCase().replace(/[\s_-]/g, '');
  return (Object.keys(HEADER_WORDS) as Column[]).find((c) => HEADER_WORDS[c].includes(word));
}

function cellsOf(columns: readonly (Column | undefined)[], values: string[]): ImportCells {
  const cells: ImportCells = {};
  columns.forEach((c, i) => {
    if (c && values[i] !== undefined && cells[c] === undefined) cells[c] = values[i];
  });
  return cells;
}

function csvImportReader(): ImportReader {
  const csv = createCsvReader();
  let columns: readonly (Column | undefined)[] | undefined;
  const take = (records: ReturnType<typeof csv.push>): ReadRow[] => {
    const out: ReadRow[] = [];
    for (const r of records) {
      if (!columns) {
        const named = r.cells.map(columnOf);
        if (named.filter(Boolean).length >= 2) {
          columns = named;
          continue;
        }
        columns = DEFAULT_COLUMNS;
      }
      out.push(r.unclosedQuote ? { line: r.line, unclosedQuote: true } : { line: r.line, cells: cellsOf(columns, r.cells) });
    }
    return out;
  };
  return { push: (text) => take(csv.push(text)), end: () => take(csv.end()) };
}

function m3uImportReader(): ImportReader {
  const m3u = createM3uReader();
  const take = (entries: ReturnType<typeof m3u.push>): ReadRow[] =>
    entries.map((e) => ({ line: e.line, cells: { address: e.url, ...(e.name ? { name: e.name } : {}), ...(e.group ? { area: e.group } : {}) } }));
  return { push: (text) => take(m3u.push(text)), end: () => take(m3u.end()) };
}

export function createImportReader(format: ImportFormat): ImportReader {
  return format === 'm3u' ? m3uImportReader() : csvImportReader();
}

/** The format a file is in: by its name, else M3U when its text starts with #EXTM3U. */
export function importFormatOf(fileName: string, firstText = ''): ImportFormat {
  if (/\.m3u8?$/i.test(fileName)) return 'm3u';
  if (/\.(csv|txt)$/i.test(fileName)) return 'csv';
  return /^\uFEFF?\s*#EXTM3U/i.test(firstText) ? 'm3u' : 'csv';
}
