// `npm run verify -- <folder>`: prints OK, or exactly which file is altered or missing, or that
// the signature fails. Exit code 0 when OK, 1 when not, 2 on wrong usage. Reads only the folder.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { groupFingerprint } from './manifest-format.js';
import { verifyExportFolder } from './verify-package.js';

export async function runVerifyCli(args: string[], print: (line: string) => void): Promise<number> {
  if (args.length !== 1) {
    print('usage: npm run verify -- <export folder>');
    return 2;
  }
  const folder = path.resolve(args[0]);
  const s = await stat(folder).catch(() => undefined);
  if (!s?.isDirectory()) {
    print(`not a folder: ${folder}`);
    return 2;
  }
  const report = await verifyExportFolder(folder);
  if (report.ok) {
    print(`OK: ${report.files} files match the signed manifest`);
  } else {
    print('FAILED');
    for (const p of report.problems) print(`${p.kind.toUpperCase()}${p.file ? ` ${p.file}` : ''}: ${p.detail}`);
  }
  if (report.fingerprint) print(`signed by key ${groupFingerprint(report.fingerprint)}`);
  return report.ok ? 0 : 1;
}
