import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HostAuth } from './host-auth.js';
import { readHostMemory, writeHostMemory } from './host-memory.js';

describe('host memory across restarts', () => {
  it('a session issued by one run is accepted by the next run on the same data, a made-up one is not', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sw-host-memory-'));
    const first = new HostAuth({ onSessionsChange: (sessions) => writeHostMemory(dir, { ...readHostMemory(dir), sessions }) });
    const granted = first.spendPageToken(first.issuePageToken());
    if (!granted.ok) throw new Error('page token refused');
    writeHostMemory(dir, { ...readHostMemory(dir), port: 41234 });

    const memory = readHostMemory(dir);
    expect(memory.port).toBe(41234);
    expect(JSON.stringify(memory)).not.toContain(granted.credential); // digests only
    const second = new HostAuth({ sessions: memory.sessions });
    expect(second.checkSession(granted.credential)).toEqual({ ok: true, credential: granted.credential });
    expect(second.checkSession('x'.repeat(43)).ok).toBe(false);
  });

  it('an unreadable or foreign file counts as nothing remembered', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sw-host-memory-'));
    expect(readHostMemory(dir)).toEqual({ sessions: [] });
    writeFileSync(path.join(dir, 'host-memory.json'), '{"port": "80; rm -rf"}');
    expect(readHostMemory(dir)).toEqual({ sessions: [] });
    writeFileSync(path.join(dir, 'host-memory.json'), '{not json');
    expect(readHostMemory(dir)).toEqual({ sessions: [] });
  });
});
