import { appendFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/storage/temp-dir.js';
import { openAuditLog } from './audit-log.js';
import { queryAuditLog } from './audit-read.js';

const tempDir = useTempDirs();
const actor = { operator: 'li.na', workstation: 'CTRL-ROOM-01' };
const START = Date.parse('2026-03-01T00:00:00Z');

/** `count` entries one minute apart, alternating device.add / wall.save, with details long enough to span read chunks. */
async function writeLog(count: number) {
  let i = 0;
  const log = await openAuditLog({ dir: tempDir(), actor, now: () => new Date(START + i * 60_000) });
  for (i = 0; i < count; i++) await log.append({ action: i % 2 === 0 ? 'device.add' : 'wall.save', target: `t-${i + 1}`, details: { pad: 'x'.repeat(700) } });
  await log.close();
  return log.path;
}

describe('audit log reading', () => {
  it('pages newest first across read chunks without losing or repeating an entry', async () => {
    const file = await writeLog(300); // ~250 KB: several 64 KB chunks, lines cut at chunk edges
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await queryAuditLog(file, { limit: 70, ...(before ? { beforeSeq: before } : {}) });
      seen.push(...page.entries.map((e) => e.seq));
      if (page.nextBefore === undefined) break;
      expect(page.entries).toHaveLength(70);
      before = page.nextBefore;
    }
    expect(seen).toEqual(Array.from({ length: 300 }, (_, k) => 300 - k));
  });

  it('filters by time range (from inclusive, to exclusive) and kind', async () => {
    const file = await writeLog(20);
    const at = (minute: number) => START + minute * 60_000;
    const inRange = await queryAuditLog(file, { fromMs: at(5), toMs: at(10), limit: 100 });
    expect(inRange.entries.map((e) => e.seq)).toEqual([10, 9, 8, 7, 6]);
    const walls = await queryAuditLog(file, { actions: new Set(['wall.save']), fromMs: at(5), toMs: at(10), limit: 100 });
    expect(walls.entries.map((e) => e.seq)).toEqual([10, 8, 6]);
    const none = await queryAuditLog(file, { actions: new Set(['device.remove']), limit: 100 });
    expect(none).toEqual({ entries: [] });
  });

  it('answers with a full last page only when another match exists', async () => {
    const file = await writeLog(4);
    expect((await queryAuditLog(file, { limit: 4 })).nextBefore).toBeUndefined();
    expect((await queryAuditLog(file, { limit: 3 })).nextBefore).toBe(2);
  });

  it('skips an unterminated tail and damaged lines (verify reports those)', async () => {
    const file = await writeLog(3);
    appendFileSync(file, '{"seq":4,"at":"2026-03-01T00:04:00.000Z"');
    expect((await queryAuditLog(file, { limit: 10 })).entries.map((e) => e.seq)).toEqual([3, 2, 1]);
    const empty = await writeLog(0);
    expect(await queryAuditLog(empty, { limit: 10 })).toEqual({ entries: [] });
  });
});
