import { describe, expect, it } from 'vitest';
import type { DeviceView } from '@common/contract/index.js';
import { editChange } from './DeviceEditor.js';

const nvr: DeviceView = { id: 'dev-1', name: '村委会', kind: 'hikvision', host: '10.0.0.3', port: 80, demo: false, area: [], cameras: [], hasPassword: true, maxStreams: 4 };
const values = { name: '村委会', host: '10.0.0.3', port: '80', username: '', password: '', area: ['', '', '', ''], maxStreams: '4', maxMbps: '' };

describe('device editor budget fields', () => {
  it('sends only a changed limit; empty clears the device’s own limit (null)', () => {
    expect(editChange(nvr, values)).toEqual({ ok: true, change: { id: 'dev-1' } });
    expect(editChange(nvr, { ...values, maxStreams: '2', maxMbps: '8.5' })).toEqual({ ok: true, change: { id: 'dev-1', maxStreams: 2, maxBitrateKbps: 8500 } });
    expect(editChange(nvr, { ...values, maxStreams: '' })).toEqual({ ok: true, change: { id: 'dev-1', maxStreams: null } });
  });

  it.each([
    ['maxStreams', '0'],
    ['maxStreams', '2.5'],
    ['maxStreams', '5000'],
    ['maxStreams', '-1'],
    ['maxMbps', '0.01'],
    ['maxMbps', 'abc'],
    ['maxMbps', '20000'],
  ] as const)('refuses %s = %s with the field named', (field, text) => {
    expect(editChange(nvr, { ...values, [field]: text })).toMatchObject({ ok: false, field });
  });
});
