import { describe, expect, it } from 'vitest';
import { checkImportRow } from './import-row.js';

describe('import row', () => {
  it('makes a camera by URL with the credentials taken out of the URL', () => {
    const r = checkImportRow({ name: '东门', address: 'rtsp://admin:p%40ss@10.0.0.1:8554/Streaming/Channels/101', area: '城关县 / 东关镇' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.input).toMatchObject({ name: '东门', kind: 'rtsp', host: '10.0.0.1', port: 8554, username: 'admin', password: 'p@ss', area: ['城关县', '东关镇'] });
    expect(r.input.cameras).toHaveLength(1);
    expect(r.input.cameras[0].sources).toEqual([{ profile: 'main', url: 'rtsp://10.0.0.1:8554/Streaming/Channels/101' }]);
  });

  it('makes a vendor device with its channels, and an ONVIF device to be asked for them', () => {
    const nvr = checkImportRow({ name: '村委会 NVR', address: '10.0.0.2', vendor: '海康威视', channels: '8', port: '8000', username: 'admin', password: 'x' });
    expect(nvr.ok && nvr.input).toMatchObject({ kind: 'hikvision', category: 'nvr', host: '10.0.0.2', port: 8000 });
    expect(nvr.ok && nvr.input.cameras.map((c) => c.channel)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const onvif = checkImportRow({ address: '10.0.0.3:8080', vendor: 'ONVIF' });
    expect(onvif.ok && onvif.input).toMatchObject({ kind: 'onvif', name: '10.0.0.3', host: '10.0.0.3', port: 8080, cameras: [] });
  });

  it.each([
    [{ name: 'a' }, 'address_missing', undefined],
    [{ address: '10.0.0.1' }, 'vendor_missing', undefined],
    [{ address: '10.0.0.1', vendor: 'sony' }, 'vendor_unknown', { value: 'sony' }],
    [{ address: 'ftp://10.0.0.1/x' }, 'url_scheme', undefined],
    [{ address: 'rtsp://10.0.0.1/a b' }, 'url_invalid', undefined],
    [{ address: 'rtsp://a%zz@10.0.0.1/' }, 'url_escape', undefined],
    [{ address: 'http://10.0.0.1/page.html' }, 'url_scheme', undefined],
    [{ address: '10.0.0.1:99999', vendor: 'dahua' }, 'port_invalid', undefined],
    [{ address: '10.0.0.1', vendor: 'dahua', port: 'abc' }, 'port_invalid', undefined],
    [{ address: '10.0.0.1', vendor: 'dahua', channels: '0' }, 'channels_invalid', { max: 256 }],
    [{ address: '10.0.0.1', vendor: 'dahua', channels: '1000' }, 'channels_invalid', { max: 256 }],
    [{ address: 'bad host!', vendor: 'uniview' }, 'address_invalid', undefined],
    [{ address: '10.0.0.1', vendor: 'dahua', name: 'x'.repeat(65) }, 'name_too_long', { max: 64 }],
    [{ address: '10.0.0.1', vendor: 'dahua', name: 'a\u202Eb' }, 'name_invalid_chars', { max: 64 }],
    [{ address: '10.0.0.1', vendor: 'dahua', area: 'a/b/c/d/e' }, 'area_too_deep', { max: 4 }],
    [{ address: '10.0.0.1', vendor: 'dahua', area: 'a//c' }, 'area_invalid', undefined],
    [{ address: '10.0.0.1', vendor: 'dahua', username: 'u'.repeat(65) }, 'username_too_long', undefined],
    [{ address: '10.0.0.1', vendor: 'dahua', password: 'p'.repeat(129) }, 'password_too_long', undefined],
  ])('refuses %j with %s', (cells, reason, params) => {
    expect(checkImportRow(cells)).toEqual({ ok: false, reason, ...(params ? { params } : {}) });
  });

  it('keeps a name with markup as typed (it is shown as text)', () => {
    const r = checkImportRow({ name: '<img src=x onerror=alert(1)>', address: 'rtsp://10.0.0.1/a' });
    expect(r.ok && r.input.name).toBe('<img src=x onerror=alert(1)>');
  });
});
