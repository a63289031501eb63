// What host mode remembers between runs, so an open page finds its host again after a restart or
// a crash: the port it listened on and the digests of the session credentials it issued. Written
// atomically (temporary file, then rename); anything unreadable counts as nothing remembered.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const FILE = 'host-memory.json';

const HostMemory = z.object({
  port: z.number().int().min(1).max(65535).optional(),
  sessions: z.array(z.string().min(1).max(128)).max(256).default([]),
});
export type HostMemory = z.infer<typeof HostMemory>;

export function readHostMemory(dataDir: string): HostMemory {
  try {
    const parsed = HostMemory.safeParse(JSON.parse(readFileSync(path.join(dataDir, FILE), 'utf8')));
    return parsed.success ? parsed.data : { sessions: [] };
  } catch {
    return { sessions: [] };
  }
}

/** Saves; a failure only means pages must be opened anew after the next restart, so it is logged by the caller. */
export function writeHostMemory(dataDir: string, memory: HostMemory): void {
  const target = path.join(dataDir, FILE);
  const temp = `${target}.tmp-${process.pid}`;
  writeFileSync(temp, JSON.stringify(memory), { mode: 0o600 });
  renameSync(temp, target);
}
