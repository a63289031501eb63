import { describe, expect, it } from 'vitest';
import { areaPathOf, buildAddressInput, EMPTY_ADDRESS } from './address-form-model.js';

describe('the by-address form', () => {
  it('reads the area levels: trailing blanks dropped, a gap refused at its level', () => {
    expect(areaPathOf(['城关县', ' 东关镇 ', '', ''])).toEqual({ ok: true, area: ['城关县', '东关镇'] });
    expect(areaPathOf(['', '', '', ''])).toEqual({ ok: true, area: [] });
    expect(areaPathOf(['城关县', '', '李家村', ''])).toEqual({ ok: false, level: 1 });
  });

  it('names the field that is wrong, and builds an ONVIF device whose channels come from the device', () => {
    expect(buildAddressInput({ ...EMPTY_ADDRESS, host: '' })).toMatchObject({ ok: false, field: 'name' });
    expect(buildAddressInput({ ...EMPTY_ADDRESS, name: 'A', host: 'bad host' })).toMatchObject({ ok: false, field: 'host' });
    expect(buildAddressInput({ ...EMPTY_ADDRESS, host: '10.0.0.5', port: '70000' })).toMatchObject({ ok: false, field: 'port' });
    expect(buildAddressInput({ ...EMPTY_ADDRESS, host: '10.0.0.5', area: ['', 'x', '', ''] })).toMatchObject({ ok: false, field: 'area.0' });
    const onvif = buildAddressInput({ ...EMPTY_ADDRESS, host: 'http://10.0.0.5/', password: 'p' });
    expect(onvif).toEqual({ ok: true, input: { name: '10.0.0.5', kind: 'onvif', host: '10.0.0.5', port: 80, username: 'admin', password: 'p', area: [], cameras: [] } });
  });

  it('gives a Dahua or Uniview device one camera per channel, numbered; a Hikvision device lists its own (ISAPI)', () => {
    const r = buildAddressInput({ ...EMPTY_ADDRESS, kind: 'uniview', name: '东门', host: '10.0.0.7', channels: '3' });
    expect(r.ok && r.input.cameras.map((c) => [c.name, c.channel])).toEqual([
      ['东门 1', 1],
      ['东门 2', 2],
      ['东门 3', 3],
    ]);
    expect(buildAddressInput({ ...EMPTY_ADDRESS, kind: 'dahua', host: '10.0.0.7', channels: '0' })).toMatchObject({ ok: false, field: 'channels' });
    expect(buildAddressInput({ ...EMPTY_ADDRESS, kind: 'hikvision', host: '10.0.0.7', channels: '3' })).toMatchObject({ ok: true, input: { kind: 'hikvision', cameras: [] } });
  });

  it('takes a vendor device\'s RTSP port when it is not 554, refuses a bad one, and leaves it out for ONVIF or blank', () => {
    expect(buildAddressInput({ ...EMPTY_ADDRESS, kind: 'dahua', host: '10.0.0.7', rtspPort: ' 10554 ' })).toMatchObject({ ok: true, input: { kind: 'dahua', port: 80, rtspPort: 10554 } });
    expect(buildAddressInput({ ...EMPTY_ADDRESS, kind: 'uniview', host: '10.0.0.7', rtspPort: '70000' })).toMatchObject({ ok: false, field: 'rtspPort', error: 'devices.form.error.rtspPort' });
    const blank = buildAddressInput({ ...EMPTY_ADDRESS, kind: 'uniview', host: '10.0.0.7' });
    expect(blank.ok && 'rtspPort' in blank.input).toBe(false);
    const onvif = buildAddressInput({ ...EMPTY_ADDRESS, kind: 'onvif', host: '10.0.0.7', rtspPort: '10554' });
    expect(onvif.ok && 'rtspPort' in onvif.input).toBe(false);
  });
});
