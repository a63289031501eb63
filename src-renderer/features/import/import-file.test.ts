import { describe, expect, it } from 'vitest';
import { decodeImportFile, importPieces } from './import-file.js';

describe('import file', () => {
  it('reads UTF-8, and GB18030 when the bytes are not UTF-8', () => {
    expect(decodeImportFile(new TextEncoder().encode('名称,地址\n东门,rtsp://a/b'))).toBe('名称,地址\n东门,rtsp://a/b');
    // "名称,东门" as GBK bytes.
    expect(decodeImportFile(new Uint8Array([0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0xb6, 0xab, 0xc3, 0xc5]))).toBe('名称,东门');
  });

  it('cuts the text into pieces without splitting a character made of two code units', () => {
    const text = `ab😀cd😀`;
    const pieces = [...importPieces(text, 3)];
    expect(pieces.join('')).toBe(text);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(3);
    expect(pieces).toEqual(['ab', '😀c', 'd😀']);
  });
});
