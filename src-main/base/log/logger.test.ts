import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useTempDirs } from '../../testing/storage/temp-dir.js';
import { closeLog, configureLog, logFilePath, logger, MAX_ENTRY_CHARS } from './logger.js';
import { clearRegisteredSecrets, registerSecret } from './redact.js';

const tempDir = useTempDirs();
const SECRET = 'Zx9!vault-only-secret';

beforeEach(() => clearRegisteredSecrets());
afterEach(() => closeLog());

/** Everything written to the log folder, all rotated files included. */
function allLogText(dir: string): string {
  return readdirSync(dir)
    .map((f) => readFileSync(path.join(dir, f), 'utf8'))
    .join('');
}

describe('logger', () => {
  it('writes time, level and scope to the log file, from the configured level up', () => {
    const dir = tempDir();
    const file = configureLog({ console: false, level: 'info', file: { dir } });
    expect(file).toBe(path.join(dir, 'skywall.log'));
    expect(logFilePath()).toBe(file);
    const log = logger('relay');
    log.debug('not written');
    log.info('upstream connected', { host: 'nvr.local:554' });
    log.error('upstream lost', new Error('socket hang up'));
    const lines = readFileSync(file!, 'utf8').split('\n');
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INFO {2}\[relay\] upstream connected: \{"host":"nvr.local:554"\}$/);
    expect(lines[1]).toMatch(/^\S+Z ERROR \[relay\] upstream lost: Error: socket hang up$/);
    // The stack follows, indented, so one entry stays one block.
    expect(lines[2]).toMatch(/^ {4}\s*at /);
    expect(readFileSync(file!, 'utf8')).not.toContain('not written');
  });

  it('never writes a secret, in any form it arrives in, across rotated files', () => {
    const dir = tempDir();
    configureLog({ console: false, level: 'debug', file: { dir, maxBytes: 2048, maxFiles: 3 } });
    registerSecret(SECRET);
    const log = logger('stream');
    const url = `rtsp://admin:${encodeURIComponent(SECRET)}@10.1.2.3:554/ch1`;
    for (let i = 0; i < 20; i++) {
      log.info(`open ${url} attempt ${i}`);
      log.warn('device refused', new Error(`login admin/${SECRET} rejected`));
      log.error('request failed', { url, password: SECRET, headers: { Authorization: `Basic ${Buffer.from(`admin:${SECRET}`).toString('base64')}` } });
      log.debug(`raw ${JSON.stringify({ note: `said ${SECRET}` })}`);
    }
    expect(readdirSync(dir).sort()).toEqual(['skywall.1.log', 'skywall.2.log', 'skywall.log']);
    const text = allLogText(dir);
    expect(text).toContain('rtsp://admin:***@10.1.2.3:554/ch1');
    for (const form of [SECRET, encodeURIComponent(SECRET), Buffer.from(`admin:${SECRET}`).toString('base64')]) expect(text).not.toContain(form);
  });

  it('masks a secret before cutting a long entry, so no part of it survives the cut', () => {
    const dir = tempDir();
    const file = configureLog({ console: false, file: { dir } });
    registerSecret(SECRET);
    // The secret straddles the cut: masked first, the cut then falls inside or after "***".
    logger('ffmpeg').warn('x'.repeat(MAX_ENTRY_CHARS - 20) + SECRET + 'y'.repeat(100));
    const text = readFileSync(file!, 'utf8');
    expect(text).not.toContain(SECRET.slice(0, 5));
    expect(text).toMatch(/…\(cut, \d+ chars\)\n$/);
    expect(text.length).toBeLessThan(MAX_ENTRY_CHARS + 200);
  });

  it('with a file, keeps the console for warnings and errors', () => {
    const dir = tempDir();
    const out = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const file = configureLog({ file: { dir } });
      logger('host').info('started');
      logger('host').warn('disk almost full');
      expect(out).not.toHaveBeenCalled();
      expect(warn.mock.calls.flat().join('\n')).toMatch(/WARN {2}\[host\] disk almost full/);
      expect(readFileSync(file!, 'utf8')).toMatch(/INFO {2}\[host\] started\n.*WARN {2}\[host\] disk almost full\n$/);
    } finally {
      out.mockRestore();
      warn.mockRestore();
    }
  });

  it('goes on on the console when the log folder cannot be made', () => {
    const blocker = path.join(tempDir(), 'a-file');
    writeFileSync(blocker, 'not a folder');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(configureLog({ file: { dir: path.join(blocker, 'logs') } })).toBeUndefined();
      expect(errors.mock.calls.flat().join('\n')).toMatch(/cannot open the log file/);
      logger('app').error('still reported');
      expect(errors.mock.calls.flat().join('\n')).toMatch(/ERROR \[app\] still reported/);
    } finally {
      errors.mockRestore();
    }
  });
});
