import { describe, expect, it } from 'vitest';
import { createCsvReader, type CsvRecord } from './csv-reader.js';
import { createImportReader } from './import-reader.js';
import { createM3uReader } from './m3u-reader.js';

function readAll(text: string, pieces: number[] = []): CsvRecord[] {
  const reader = createCsvReader();
  const out: CsvRecord[] = [];
  let at = 0;
  for (const cut of pieces) {
    out.push(...reader.push(text.slice(at, cut)));
    at = cut;
  }
  out.push(...reader.push(text.slice(at)), ...reader.end());
  return out;
}

const SAMPLE = '\uFEFF名称,地址,厂商\r\n"东门, 大门","rtsp://10.0.0.1/a",\r\n"说 ""你好""\r\n第二行",10.0.0.2,海康\n\nlast,10.0.0.3,大华';

describe('CSV reader', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks, and numbers records by the line they start on', () => {
    expect(readAll(SAMPLE)).toEqual([
      { line: 1, cells: ['名称', '地址', '厂商'] },
      { line: 2, cells: ['东门, 大门', 'rtsp://10.0.0.1/a', ''] },
      { line: 3, cells: ['说 "你好"\n第二行', '10.0.0.2', '海康'] },
      { line: 6, cells: ['last', '10.0.0.3', '大华'] },
    ]);
  });

  it('gives the same records however the text is cut into pieces', () => {
    const whole = readAll(SAMPLE);
    for (let cut = 0; cut <= SAMPLE.length; cut++) expect(readAll(SAMPLE, [cut])).toEqual(whole);
    expect(readAll(SAMPLE, Array.from({ length: SAMPLE.length }, (_, i) => i))).toEqual(whole);
  });

  it('takes the delimiter from the first line (semicolon, tab) and reports a quote left open at the end', () => {
    expect(readAll('a;b,c\n1;2,3')).toEqual([
      { line: 1, cells: ['a', 'b,c'] },
      { line: 2, cells: ['1', '2,3'] },
    ]);
    expect(readAll('a\tb\n1\t2')[1]).toEqual({ line: 2, cells: ['1', '2'] });
    expect(readAll('a,b\n1,"open\n2,3\n')).toEqual([{ line: 1, cells: ['a', 'b'] }, { line: 2, cells: ['1', 'open\n2,3\n'], unclosedQuote: true }]);
  });

  it('cuts an endless cell instead of growing without bound', () => {
    const [record] = readAll(`${'x'.repeat(100_000)},y`);
    expect(record.cells[0].length).toBe(4096);
    expect(record.cells[1]).toBe('y');
  });
});

describe('M3U reader', () => {
  it('pairs each URL with its #EXTINF title and group, numbered from the #EXTINF line', () => {
    const m3u = createM3uReader();
    const text = '#EXTM3U\n#EXTINF:-1 tvg-name="x" group-title="城关县/东关镇",东关 "1", 路口\r\nrtsp://10.0.0.9/live\n\n#EXTVLCOPT:network-caching=300\nhttp://10.0.0.10/a.flv\n';
    const entries = [...m3u.push(text.slice(0, 30)), ...m3u.push(text.slice(30)), ...m3u.end()];
    expect(entries).toEqual([
      { line: 2, url: 'rtsp://10.0.0.9/live', name: '东关 "1", 路口', group: '城关县/东关镇' },
      { line: 6, url: 'http://10.0.0.10/a.flv' },
    ]);
  });
});

describe('import reader', () => {
  it('maps a header in any order and either language; without one, the documented column order', () => {
    const withHeader = createImportReader('csv');
    expect([...withHeader.push('Vendor,IP,名称\nhikvision,10.0.0.1,北门\n'), ...withHeader.end()]).toEqual([{ line: 2, cells: { vendor: 'hikvision', address: '10.0.0.1', name: '北门' } }]);
    const plain = createImportReader('csv');
    expect([...plain.push('北门,10.0.0.1,dahua,城关县/东关镇,admin,pw,4,8000'), ...plain.end()]).toEqual([
      { line: 1, cells: { name: '北门', address: '10.0.0.1', vendor: 'dahua', area: '城关县/东关镇', username: 'admin', password: 'pw', channels: '4', port: '8000' } },
    ]);
  });
});
