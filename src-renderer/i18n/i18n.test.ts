import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { dictionaries, translate, translateError } from './translate.js';
import { ERROR_CODES } from '@common/model/errors.js';
import { AUDIT_KINDS } from '@common/contract/audit.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('i18n', () => {
  it('both languages have exactly the same keys, none empty', () => {
    const zh = Object.keys(dictionaries['zh-CN']).sort();
    const en = Object.keys(dictionaries.en).sort();
    expect(en).toEqual(zh);
    for (const d of Object.values(dictionaries)) for (const v of Object.values(d)) expect(v.trim()).not.toBe('');
  });

  it('no key is defined by two message files (a spread would hide one)', () => {
    const dir = path.resolve(__dirname, 'messages');
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const file of readdirSync(dir)) {
      const zhBlock = readFileSync(path.join(dir, file), 'utf8').split('export const en')[0]!;
      for (const m of zhBlock.matchAll(/^ {2}'([^']+)':/gm)) {
        if (seen.has(m[1]!)) clashes.push(`${m[1]} in ${seen.get(m[1]!)} and ${file}`);
        seen.set(m[1]!, file);
      }
    }
    expect(seen.size).toBe(Object.keys(dictionaries['zh-CN']).length);
    expect(clashes).toEqual([]);
  });

  it('every key the UI uses exists in both languages', () => {
    const root = path.resolve(__dirname, '..');
    const used = new Set<string>();
    for (const f of sourceFiles(root)) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(5);
    const missing = [...used].filter((k) => !(k in dictionaries['zh-CN']) || !(k in dictionaries.en));
    expect(missing).toEqual([]);
  });

  it('every contract error code has a sentence', () => {
    for (const code of ERROR_CODES) {
      expect(Object.keys(dictionaries.en)).toContain(`error.${code}`);
    }
  });

  it('every audit entry kind the app writes has a label', () => {
    for (const kind of AUDIT_KINDS) {
      expect(Object.keys(dictionaries['zh-CN'])).toContain(`audit.kind.${kind}`);
    }
  });

  it('fills placeholders and defaults to Chinese', () => {
    expect(translate('zh-CN', 'tile.state.reconnecting', { s: 4 })).toBe('4 秒后重连');
    expect(translate('en', 'tile.state.reconnecting', { s: 4 })).toBe('Reconnecting in 4 s');
    expect(translateError('en', { code: 'bad_payload', params: { path: 'port' } })).toBe('Invalid request (port).');
    expect(translateError('zh-CN', { code: 'no_such_code' })).toBe(dictionaries['zh-CN']['error.internal']);
  });
});
