// Unusable skywall.json: moved aside with a UTC timestamp, original bytes kept, reported, defaults used.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Problem } from '../common/contract/app.js';
import { defaultDocument } from './defaults.js';
import { openSkywallStore } from './open-skywall-store.js';
import { fileTimestamp } from './quarantine.js';
import { SkywallDoc } from './schema.js';
import { useTempDirs } from '../testing/storage/temp-dir.js';
import { openKeyFileVault } from './vault/open-vault.js';

const tempDir = useTempDirs();
const AT = new Date('2025-03-04T05:06:07.890Z');

async function openWith(dir: string, content: string | null, at = AT) {
  const file = path.join(dir, 'skywall.json');
  if (content !== null) writeFileSync(file, content);
  const vault = await openKeyFileVault({ dir, now: () => at });
  const { store, problems } = await openSkywallStore({ dir, vault, now: () => at });
  return { file, store, problems: problems.filter((p) => p.code !== 'vault_weak_protection') };
}

const validV1 = JSON.stringify({ ...defaultDocument(), settings: { locale: 'en', displayWalls: {}, showTileStats: true } });

const cases: Array<{ label: string; content: string; reason: string }> = [
  { label: 'invalid JSON', content: '{"schemaVersion":1,"settings":{"locale":"en"', reason: 'invalid_json' },
  { label: 'a JSON array', content: '[]', reason: 'not_an_object' },
  { label: 'a v1 file failing the schema', content: JSON.stringify({ ...JSON.parse(validV1), walls: [{ id: 'w', name: 'x', rows: 2, cols: 2, tiles: [] }] }), reason: 'schema' },
  { label: 'an unknown future schemaVersion', content: JSON.stringify({ ...JSON.parse(validV1), schemaVersion: 7, newThing: { a: 1 } }), reason: 'future_version' },
  { label: 'a non-numeric schemaVersion', content: JSON.stringify({ ...JSON.parse(validV1), schemaVersion: '1' }), reason: 'schema' },
];

describe('openSkywallStore with an unusable file', () => {
  for (const c of cases) {
    it(`moves ${c.label} aside, reports it and starts from defaults`, async () => {
      const dir = tempDir();
      const { file, store, problems } = await openWith(dir, c.content);
      const movedTo = path.join(dir, `skywall.corrupt-${fileTimestamp(AT)}.json`);
      expect(fileTimestamp(AT)).toBe('20250304T050607Z');
      expect(problems).toEqual([{ code: 'storage_corrupt', params: { file, movedTo, reason: c.reason }, at: AT.toISOString() }]);
      expect(() => Problem.array().parse(problems)).not.toThrow();
      expect(readFileSync(movedTo, 'utf8')).toBe(c.content);
      expect(SkywallDoc.parse(JSON.parse(readFileSync(file, 'utf8')))).toEqual(defaultDocument());
      expect(store.getSettings()).toEqual(defaultDocument().settings);
    });
  }

  it('never overwrites an earlier quarantined copy with the same timestamp', async () => {
    const dir = tempDir();
    await openWith(dir, '{broken one');
    const { problems } = await openWith(dir, '{broken two');
    const second = path.join(dir, `skywall.corrupt-${fileTimestamp(AT)}-2.json`);
    expect(problems[0]?.params?.movedTo).toBe(second);
    expect(readFileSync(path.join(dir, `skywall.corrupt-${fileTimestamp(AT)}.json`), 'utf8')).toBe('{broken one');
    expect(readFileSync(second, 'utf8')).toBe('{broken two');
  });

  it('moves an unreadable path (a directory) aside as an io problem', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'skywall.json'));
    writeFileSync(path.join(dir, 'skywall.json', 'inside.txt'), 'kept');
    const { problems, file } = await openWith(dir, null);
    expect(problems).toMatchObject([{ code: 'storage_corrupt', params: { reason: 'io' } }]);
    expect(readFileSync(path.join(String(problems[0]!.params!.movedTo), 'inside.txt'), 'utf8')).toBe('kept');
    expect(existsSync(file)).toBe(true);
  });

  it('keeps a valid file untouched and reports nothing', async () => {
    const dir = tempDir();
    const { file, store, problems } = await openWith(dir, validV1);
    expect(problems).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe(validV1);
    expect(store.getSettings().locale).toBe('en');
    expect(readdirSync(dir).filter((n) => n.includes('corrupt'))).toEqual([]);
  });
});
