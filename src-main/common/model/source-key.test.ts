import { describe, expect, it } from 'vitest';
import { directKeyOf, formatSourceKey, parseSourceKey, sourceKey } from './source-key.js';

describe('source keys', () => {
  it('round-trip every profile and variant, camera ids with colons included', () => {
    for (const cameraId of ['cam-1', 'gb:34020000001320000001', 'a.b_c']) {
      for (const profile of ['main', 'sub', 'third'] as const) {
        for (const variant of ['direct', 'x264'] as const) {
          const k = sourceKey(cameraId, profile, variant);
          expect(parseSourceKey(formatSourceKey(k))).toEqual(k);
        }
      }
    }
  });

  it('spells the camera stream and its re-encode differently', () => {
    expect(formatSourceKey(sourceKey('cam-1', 'main'))).toBe('cam-1/main');
    expect(formatSourceKey(sourceKey('cam-1', 'main', 'x264'))).toBe('cam-1/main/x264');
    expect(directKeyOf(sourceKey('cam-1', 'sub', 'x264'))).toEqual(sourceKey('cam-1', 'sub'));
  });

  it('refuses text it did not make', () => {
    for (const t of ['', 'cam-1', 'cam-1:main', 'cam-1/hd', 'cam-1/main/x265', 'cam-1/main/direct', 'a/b/main', 'cam 1/main', '/main', 'cam-1/main/x264/x']) {
      expect(parseSourceKey(t)).toBeUndefined();
    }
  });
});
