// Host-mode secret encryption: AES-256-GCM with a random 32-byte key kept in `vault.key`
// (mode 0600) beside credentials.json. This protects against casual reading of the data file,
// not against anyone who can read the whole folder — the vault says so in its warning.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { SkywallError } from '../../common/model/errors.js';
import type { SecretCipher } from './credential-vault.js';

export const KEY_FILE_NAME = 'vault.key';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT_VERSION = 1;

async function writeNewKey(keyPath: string): Promise<Buffer> {
  const key = randomBytes(KEY_BYTES);
  // 'wx' fails if another process created it first; then we read theirs.
  const handle = await open(keyPath, 'wx', 0o600);
  try {
    await handle.writeFile(key);
    // The key must be on disk before any secret encrypted with it is.
    await handle.sync();
  } finally {
    await handle.close();
  }
  return key;
}

/** Reads `vault.key` in `dir`, creating it (32 random bytes, mode 0600) on first use. */
export async function loadOrCreateKey(dir: string): Promise<{ key: Buffer; keyPath: string }> {
  const keyPath = path.join(dir, KEY_FILE_NAME);
  await mkdir(dir, { recursive: true });
  let key: Buffer;
  try {
    key = await readFile(keyPath);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    try {
      return { key: await writeNewKey(keyPath), keyPath };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      key = await readFile(keyPath);
    }
  }
  if (key.length !== KEY_BYTES) {
    throw new SkywallError(
      'storage',
      `vault key file ${keyPath} holds ${key.length} bytes instead of ${KEY_BYTES}; move it away to start a new vault (saved device passwords will have to be entered again)`,
      { file: keyPath },
    );
  }
  if (process.platform !== 'win32' && ((await stat(keyPath)).mode & 0o077) !== 0) {
    // Someone loosened the permissions; tighten them rather than refuse to start.
    await chmod(keyPath, 0o600);
  }
  return { key, keyPath };
}

/** AAD binds a ciphertext to its id, so swapping two entries in the file is detected. */
function aad(id: string): Buffer {
  return Buffer.from(`skywall-vault-v1:${id}`, 'utf8');
}

export function createKeyFileCipher(key: Buffer): SecretCipher {
  return {
    scheme: 'aes-256-gcm-keyfile',
    async encrypt(id, plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad(id));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([FORMAT_VERSION]), iv, cipher.getAuthTag(), body]);
    },
    async decrypt(id, blob) {
      if (blob.length < 1 + IV_BYTES + TAG_BYTES || blob[0] !== FORMAT_VERSION) throw new Error('unknown ciphertext format');
      const iv = blob.subarray(1, 1 + IV_BYTES);
      const tag = blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(aad(id));
      decipher.setAuthTag(tag);
      try {
        const plain = Buffer.concat([decipher.update(blob.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
        return { plain, reEncrypt: false };
      } catch {
        throw new Error('authentication failed: wrong key file or altered data');
      }
    },
  };
}
