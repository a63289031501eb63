import { describe, expect, it } from 'vitest';
import { splitUrlCredentials } from './url-credentials.js';

describe('splitUrlCredentials', () => {
  it('splits user, percent-decoded password, host and default port', () => {
    expect(splitUrlCredentials('rtsp://admin:p%40ss%3Aw@cam.local/live?ch=1')).toEqual({
      url: 'rtsp://cam.local/live?ch=1',
      protocol: 'rtsp:',
      host: 'cam.local',
      port: 554,
      username: 'admin',
      password: 'p@ss:w',
    });
  });

  it('takes the last @ as the delimiter when a password has a raw @', () => {
    expect(splitUrlCredentials('rtsp://op:g@te!@10.0.0.7:8554/x')).toMatchObject({ url: 'rtsp://10.0.0.7:8554/x', port: 8554, password: 'g@te!' });
  });

  it('handles IPv6, rtsps, no credentials and bad input', () => {
    expect(splitUrlCredentials('rtsps://u:pw@[fe80::1]/s')).toMatchObject({ host: 'fe80::1', port: 322, url: 'rtsps://[fe80::1]/s' });
    expect(splitUrlCredentials('rtsp://10.0.0.8/yard')).toEqual({ url: 'rtsp://10.0.0.8/yard', protocol: 'rtsp:', host: '10.0.0.8', port: 554 });
    expect(splitUrlCredentials('not a url')).toBeUndefined();
    expect(splitUrlCredentials('rtsp:///nohost')).toBeUndefined();
  });
});
