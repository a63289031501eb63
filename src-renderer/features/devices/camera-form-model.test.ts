import { describe, expect, it } from 'vitest';
import { buildDeviceInput, fieldOfPath, FORM_LIMITS, type CameraForm } from './camera-form-model.js';

const blank: CameraForm = { name: '', mainUrl: '', subUrl: '', username: '', password: '' };
const id = () => 'cam-1';

describe('buildDeviceInput', () => {
  it('builds an RTSP device with main and sub streams', () => {
    const r = buildDeviceInput({ ...blank, name: '东门', mainUrl: 'rtsp://10.1.2.3/Streaming/Channels/101', subUrl: 'rtsp://10.1.2.3/Streaming/Channels/102', username: 'admin', password: 'p' }, id);
    expect(r).toEqual({
      ok: true,
      input: {
        name: '东门',
        kind: 'rtsp',
        host: '10.1.2.3',
        port: 554,
        username: 'admin',
        password: 'p',
        cameras: [
          {
            id: 'cam-1',
            name: '东门',
            ptz: false,
            sources: [
              { profile: 'main', url: 'rtsp://10.1.2.3/Streaming/Channels/101' },
              { profile: 'sub', url: 'rtsp://10.1.2.3/Streaming/Channels/102' },
            ],
          },
        ],
      },
    });
  });

  it('moves credentials out of the URL so they are never stored in it', () => {
    const r = buildDeviceInput({ ...blank, name: 'x', mainUrl: 'rtsp://admin:S3cr%40t@10.0.0.9:8554/live' }, id);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.input.username).toBe('admin');
    expect(r.input.password).toBe('S3cr@t');
    expect(JSON.stringify(r.input.cameras)).not.toContain('S3cr');
    expect(r.input.port).toBe(8554);
  });

  it('says so when a % in the URL password is not an escape, instead of throwing', () => {
    expect(buildDeviceInput({ ...blank, name: 'x', mainUrl: 'rtsp://admin:100%@10.0.0.9/live' }, id)).toEqual({ ok: false, field: 'mainUrl', error: 'devices.form.error.urlEscape' });
    expect(buildDeviceInput({ ...blank, name: 'x', mainUrl: 'rtsp://10.0.0.9/a', subUrl: 'rtsp://ad%min:p@10.0.0.9/b' }, id)).toEqual({ ok: false, field: 'subUrl', error: 'devices.form.error.urlEscape' });
    // Typed into the password field, the same password is fine.
    const r = buildDeviceInput({ ...blank, name: 'x', mainUrl: 'rtsp://10.0.0.9/live', username: 'admin', password: '100%' }, id);
    expect(r.ok && r.input.password).toBe('100%');
  });

  it('treats platform URLs as url devices', () => {
    const r = buildDeviceInput({ ...blank, name: 'p', mainUrl: 'http://10.9.9.9/rtp/abc.live.flv' }, id);
    expect(r.ok && r.input.kind).toBe('url');
    expect(r.ok && r.input.port).toBe(80);
  });

  it('names the field that is wrong', () => {
    expect(buildDeviceInput({ ...blank, mainUrl: 'rtsp://h/x' }, id)).toEqual({ ok: false, field: 'name', error: 'devices.form.error.name' });
    expect(buildDeviceInput({ ...blank, name: 'a', mainUrl: 'ftp://h/x' }, id)).toEqual({ ok: false, field: 'mainUrl', error: 'devices.form.error.url' });
    expect(buildDeviceInput({ ...blank, name: 'a', mainUrl: '10.0.0.1' }, id)).toEqual({ ok: false, field: 'mainUrl', error: 'devices.form.error.url' });
    expect(buildDeviceInput({ ...blank, name: 'a', mainUrl: 'rtsp://h/x', subUrl: 'http://h/y.flv' }, id)).toEqual({ ok: false, field: 'subUrl', error: 'devices.form.error.subScheme' });
  });

  it('refuses a name over the contract\'s limit on the name field, naming the limit', () => {
    expect(FORM_LIMITS.name).toBe(64);
    const r = buildDeviceInput({ ...blank, name: '门'.repeat(10_000), mainUrl: 'rtsp://10.1.2.3/ch1' }, id);
    expect(r).toEqual({ ok: false, field: 'name', error: 'devices.form.error.nameTooLong', params: { max: 64 } });
    expect(buildDeviceInput({ ...blank, name: '门'.repeat(64), mainUrl: 'rtsp://10.1.2.3/ch1' }, id).ok).toBe(true);
  });
});

describe('fieldOfPath', () => {
  it('points contract error paths at the form field', () => {
    expect(fieldOfPath('name')).toBe('name');
    expect(fieldOfPath('cameras.0.name')).toBe('name');
    expect(fieldOfPath('password')).toBe('password');
    expect(fieldOfPath('cameras.0.sources.1.url')).toBe('subUrl');
    expect(fieldOfPath('cameras.0.sources.0.url')).toBe('mainUrl');
    expect(fieldOfPath('kind')).toBeUndefined();
    expect(fieldOfPath(undefined)).toBeUndefined();
  });
});
