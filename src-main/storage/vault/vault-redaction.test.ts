import { describe, expect, it } from 'vitest';
import { SkywallError } from '../../common/model/errors.js';
import { clearRegisteredSecrets, redactSecrets } from '../../base/log/redact.js';
import { useTempDirs } from '../../testing/storage/temp-dir.js';
import { openKeyFileVault } from './open-vault.js';

const tempDir = useTempDirs();

describe('log lines built from device data never contain the password', () => {
  it('covers passwords that went through the vault, in error messages and log lines', async () => {
    const vault = await openKeyFileVault({ dir: tempDir() });
    const device = { id: 'nvr-7', name: 'Gate NVR', host: '10.1.2.3', port: 554, username: 'admin', password: 'Zx9!vault-only' };
    await vault.set(device.id, device.password);
    clearRegisteredSecrets();
    // Reading it back (a fresh process would do only this) registers it again.
    const password = (await vault.get(device.id))!;
    const url = `rtsp://${device.username}:${encodeURIComponent(password)}@${device.host}:${device.port}/ch1`;
    const lines = [
      redactSecrets(`[gateway] open ${url} failed: 401`),
      redactSecrets(new SkywallError('auth_failed', `device ${device.name} rejected ${device.username}/${password}`).message),
      redactSecrets(JSON.stringify(device)),
      redactSecrets(`DESCRIBE ${url} RTSP/1.0\r\nAuthorization: Basic ${Buffer.from(`admin:${password}`).toString('base64')}`),
      redactSecrets(`retry in 5s, creds=${device.username}:${password} host=${device.host}`),
    ];
    for (const line of lines) {
      expect(line).not.toContain(password);
      expect(line).not.toContain(encodeURIComponent(password));
      expect(line).not.toContain(Buffer.from(`admin:${password}`).toString('base64'));
    }
    expect(lines[0]).toBe('[gateway] open rtsp://admin:***@10.1.2.3:554/ch1 failed: 401');
    expect(lines[1]).toBe('device Gate NVR rejected admin/***');
  });
});
