// Test support: the per-file set-up of the scripted-camera tests: one encoded clip for the
// file (made once, in a temp folder removed afterwards) and the fake servers each test starts,
// closed after every test.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { loadClip, type Clip } from './fake-camera.js';
import type { FakeRtspServer } from './session-kit.js';

export interface FakeCameraFixture {
  /** The clip, ready from the first test on. */
  readonly clip: Clip;
  /** Servers started by a test; closed after it. */
  readonly servers: FakeRtspServer[];
}

export function useFakeCameraClip(prefix: string): FakeCameraFixture {
  let dir = '';
  let clip: Clip | undefined;
  const servers: FakeRtspServer[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
    clip = await loadClip(dir);
  }, 30_000);
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  return {
    get clip() {
      if (!clip) throw new Error('the clip is made in beforeAll');
      return clip;
    },
    servers,
  };
}
