// Snapshots of a tile or the whole wall: the page draws the picture with the camera's name and
// the time burnt in and sends the PNG in parts (its messages to main are capped at 1 MiB); the
// last part writes the file (temporary name, then renamed: never a half-written PNG under the
// final name) into the operator's folder and records it in the audit log.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { SnapshotAnswer, SnapshotPart } from '../../common/contract/stream.js';
import { SkywallError } from '../../common/model/errors.js';
import type { AuditRecorder } from '../audit/service.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Parts of an unfinished snapshot are dropped after this long. */
const PENDING_MS = 30_000;
/** At most this many snapshots in flight (a page that never finishes cannot fill memory). */
const MAX_PENDING = 8;

type Part = z.infer<typeof SnapshotPart>;

export interface SnapshotWriter {
  save(part: Part): Promise<z.infer<typeof SnapshotAnswer>>;
}

/** A file name from the subject and the time: readable, sortable, safe on Windows and Linux. */
export function snapshotFileName(subject: string, takenAt: number): string {
  const d = new Date(takenAt);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const stamp = `${d.getFullYear()}${p2(d.getMonth() + 1)}${p2(d.getDate())}-${p2(d.getHours())}${p2(d.getMinutes())}${p2(d.getSeconds())}-${String(d.getMilliseconds()).padStart(3, '0')}`;
  // eslint-disable-next-line no-control-regex
  const safe = subject.replace(/[\u0000-\u001f<>:"/\\|?*]+/g, '_').replace(/^[.\s]+|[.\s]+$/g, '').slice(0, 80) || 'snapshot';
  return `${safe}_${stamp}.png`;
}

export function createSnapshotWriter(opts: { dataDir: string; audit: AuditRecorder }): SnapshotWriter {
  const pending = new Map<string, { parts: string[]; timer: ReturnType<typeof setTimeout> }>();
  const forget = (id: string) => {
    clearTimeout(pending.get(id)?.timer);
    pending.delete(id);
  };
  return {
    async save(p) {
      const folder = p.folder ?? path.join(opts.dataDir, 'snapshots');
      if (!path.isAbsolute(folder)) throw new SkywallError('bad_payload', 'snapshot folder must be an absolute path', { folder });
      let entry = pending.get(p.snapshotId);
      if (!entry) {
        if (p.part !== 0) throw new SkywallError('bad_payload', `snapshot ${p.snapshotId}: part ${p.part} without its first part`);
        if (pending.size >= MAX_PENDING) throw new SkywallError('conflict', 'too many snapshots in flight');
        entry = { parts: [], timer: setTimeout(() => forget(p.snapshotId), PENDING_MS) };
        pending.set(p.snapshotId, entry);
      }
      if (p.part !== entry.parts.length) {
        forget(p.snapshotId);
        throw new SkywallError('bad_payload', `snapshot ${p.snapshotId}: part ${p.part} out of order`);
      }
      entry.parts.push(p.data);
      if (p.part < p.parts - 1) return { saved: false as const };
      forget(p.snapshotId);
      const png = Buffer.from(entry.parts.join(''), 'base64');
      if (png.length < PNG_SIGNATURE.length || !png.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) throw new SkywallError('bad_payload', 'snapshot is not a PNG');
      try {
        await mkdir(folder, { recursive: true });
        const file = path.join(folder, snapshotFileName(p.subject, p.takenAt));
        const temp = `${file}.${process.pid}.part`;
        await writeFile(temp, png, { flag: 'wx' });
        await rename(temp, file);
        await opts.audit.record({ kind: 'tile.snapshot', target: { id: p.cameraId ?? 'wall', name: p.subject }, details: { path: file, bytes: png.length, takenAt: new Date(p.takenAt).toISOString() } });
        return { saved: true as const, path: file };
      } catch (e) {
        if (e instanceof SkywallError) throw e;
        throw new SkywallError('storage', `snapshot not written: ${(e as Error).message}`, { folder });
      }
    },
  };
}
