// The last-resort handlers in a real Node process: a thrown error and an unhandled rejection
// are logged with secrets masked, reported once to the operator, and the process lives on.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { UNCAUGHT_MESSAGE } from './last-resort.js';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(os.tmpdir(), 'sw-last-resort-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ENTRY = `
import { installLastResort } from ${JSON.stringify(path.resolve(__dirname, 'last-resort.ts'))};
installLastResort({ report: (p) => console.log('REPORT ' + JSON.stringify(p)) });
setTimeout(() => { throw new TypeError('Invalid URL rtsp://admin:Hunter-22@10.0.0.5/stream'); }, 10);
setTimeout(() => { void Promise.reject(new Error('late failure')); }, 20);
setTimeout(() => { console.log('ALIVE'); process.exit(0); }, 200);
`;

describe('installLastResort', () => {
  it('keeps the process alive, logs with secrets masked, and reports once per quiet period', async () => {
    const entry = path.join(dir, 'entry.ts');
    writeFileSync(entry, ENTRY);
    const out = path.join(dir, 'entry.mjs');
    await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'silent' });
    const { stdout, stderr } = await run(process.execPath, [out], { timeout: 10_000 });
    const all = stdout + stderr;
    expect(stdout).toContain('ALIVE');
    expect(all).toContain(`${UNCAUGHT_MESSAGE} (exception)`);
    expect(all).toContain(`${UNCAUGHT_MESSAGE} (rejection)`);
    expect(all).not.toContain('Hunter-22');
    expect(stdout.match(/^REPORT /gm)).toHaveLength(1);
    expect(stdout).toContain('REPORT {"code":"internal_error","params":{"kind":"TypeError"}}');
  });
});
