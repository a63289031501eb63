import { afterEach, describe, expect, it } from 'vitest';
import { startOnvifStub, type OnvifStub } from './onvif-stub.js';
import { digestAuthorization, faultSubcodes, rawPost, soapPost, usernameTokenHeader } from '../../testing/onvif/soap-client.js';
import type { OnvifStubOptions } from './stub-options.js';
import { child, childText } from './xml-reader.js';

const DEV = 'xmlns="http://www.onvif.org/ver10/device/wsdl"';
const MEDIA = 'xmlns="http://www.onvif.org/ver10/media/wsdl"';
const PTZ = 'xmlns="http://www.onvif.org/ver20/ptz/wsdl"';
const TT = 'xmlns="http://www.onvif.org/ver10/schema"';
const USER = 'operator';
const PASS = 'S3cret!pw';

let stub: OnvifStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

async function start(o: Partial<OnvifStubOptions> = {}): Promise<OnvifStub> {
  stub = await startOnvifStub({
    username: USER,
    password: PASS,
    streamUris: { main: 'rtsp://10.0.0.9:554/cam/realmonitor?channel=1&subtype=0', sub: 'rtsp://10.0.0.9:554/sub' },
    ...o,
  });
  return stub;
}

const url = (s: OnvifStub, service: string): string => s.xaddr.replace('device_service', service);
const wsse = (offsetSec = 0, password = PASS): string => usernameTokenHeader(USER, password, new Date(Date.now() + offsetSec * 1000));

describe('ONVIF stub: clock and authentication', () => {
  it('answers GetSystemDateAndTime without credentials with the skewed device clock', async () => {
    const s = await start({ auth: 'wsse', clockOffsetSec: 3600 });
    const r = await soapPost(s.xaddr, `<GetSystemDateAndTime ${DEV}/>`);
    expect(r.status).toBe(200);
    const utc = child(child(r.body, 'SystemDateAndTime'), 'UTCDateTime');
    const t = child(utc, 'Time');
    const d = child(utc, 'Date');
    const device = Date.UTC(+childText(d, 'Year')!, +childText(d, 'Month')! - 1, +childText(d, 'Day')!, +childText(t, 'Hour')!, +childText(t, 'Minute')!, +childText(t, 'Second')!);
    expect(Math.abs(device - (Date.now() + 3600_000))).toBeLessThan(2000);
  });

  it('WS-UsernameToken: accepts a token on the device clock, refuses the host clock, a replay and a wrong password', async () => {
    const s = await start({ auth: 'wsse', clockOffsetSec: 3600 });
    const op = `<GetDeviceInformation ${DEV}/>`;
    const good = wsse(3600);
    const ok = await soapPost(s.xaddr, op, { header: good });
    expect(ok.status).toBe(200);
    expect(childText(ok.body, 'Manufacturer')).toBe('Skywall');

    for (const header of [wsse(0), good, wsse(3600, 'wrong')]) {
      const r = await soapPost(s.xaddr, op, { header });
      expect(r.status).toBe(400);
      expect(faultSubcodes(r.body)).toEqual(['ter:NotAuthorized']);
    }
    expect(s.authLog.filter((e) => e.outcome === 'denied').map((e) => e.reason)).toEqual(['stale_created', 'replayed_nonce', 'bad_password']);

    const none = await soapPost(s.xaddr, op);
    expect(none.status).toBe(400);
    expect(none.headers['www-authenticate']).toBeUndefined();
  });

  it('HTTP Digest: challenges with 401, accepts the right answer once, refuses a wrong password', async () => {
    const s = await start({ auth: 'digest' });
    const op = `<GetScopes ${DEV}/>`;
    const first = await soapPost(s.xaddr, op);
    expect(first.status).toBe(401);
    const challenge = String(first.headers['www-authenticate']);
    expect(challenge).toMatch(/^Digest realm="[^"]+", qop="auth", nonce="[0-9a-f]{32}", algorithm=MD5$/);

    const auth = digestAuthorization(challenge, USER, PASS, 'POST', '/onvif/device_service');
    const ok = await soapPost(s.xaddr, op, { authorization: auth });
    expect(ok.status).toBe(200);
    expect(ok.body?.children.map((c) => childText(c, 'ScopeItem'))).toContain('onvif://www.onvif.org/name/Skywall%20Demo%20Camera');

    const replay = await soapPost(s.xaddr, op, { authorization: auth });
    expect(replay.status).toBe(401);
    expect(String(replay.headers['www-authenticate'])).toContain('stale=true');

    const wrong = await soapPost(s.xaddr, op, { authorization: digestAuthorization(challenge, USER, 'nope', 'POST', '/onvif/device_service', 2) });
    expect(wrong.status).toBe(401);
    expect(faultSubcodes(wrong.body)).toEqual(['ter:NotAuthorized']);
    expect(s.failedAuthAttempts()).toBe(1);

    // A UsernameToken is not accepted by a digest-only device.
    expect((await soapPost(s.xaddr, op, { header: wsse() })).status).toBe(401);
  });

  it('auth "none" lets everything through; "either" takes both schemes', async () => {
    const open = await start({ auth: 'none' });
    expect((await soapPost(open.xaddr, `<GetDeviceInformation ${DEV}/>`)).status).toBe(200);
    await open.close();
    const s = await start({ auth: 'either' });
    expect((await soapPost(s.xaddr, `<GetDeviceInformation ${DEV}/>`, { header: wsse() })).status).toBe(200);
    const challenge = String((await soapPost(s.xaddr, `<GetDeviceInformation ${DEV}/>`)).headers['www-authenticate']);
    const auth = digestAuthorization(challenge, USER, PASS, 'POST', '/onvif/device_service');
    expect((await soapPost(s.xaddr, `<GetDeviceInformation ${DEV}/>`, { authorization: auth })).status).toBe(200);
  });
});

describe('ONVIF stub: SOAP shapes', () => {
  it('returns escaped stream URIs and two profiles with encoder and PTZ configurations', async () => {
    const s = await start({ auth: 'none' });
    const setup = `<StreamSetup><Stream ${TT}>RTP-Unicast</Stream><Transport ${TT}><Protocol>RTSP</Protocol></Transport></StreamSetup>`;
    const r = await soapPost(url(s, 'media_service'), `<GetStreamUri ${MEDIA}>${setup}<ProfileToken>main</ProfileToken></GetStreamUri>`);
    expect(r.text).toContain('channel=1&amp;subtype=0');
    expect(childText(child(r.body, 'MediaUri'), 'Uri')).toBe('rtsp://10.0.0.9:554/cam/realmonitor?channel=1&subtype=0');

    const p = await soapPost(url(s, 'media_service'), `<GetProfiles ${MEDIA}/>`);
    const profiles = p.body!.children;
    expect(profiles.map((x) => x.attrs.token)).toEqual(['main', 'sub']);
    const enc = child(profiles[1], 'VideoEncoderConfiguration');
    expect([childText(enc, 'Encoding'), childText(child(enc, 'Resolution'), 'Width')]).toEqual(['H264', '640']);
    expect(child(profiles[1], 'PTZConfiguration')?.attrs.token).toBe('ptz-config-0');
  });

  it('answers bad requests with the matching faults', async () => {
    const s = await start({ auth: 'none' });
    const malformed = await rawPost(s.xaddr, '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><x>');
    expect([malformed.status, faultSubcodes(malformed.body)]).toEqual([400, ['ter:WellFormed']]);
    const unknown = await soapPost(s.xaddr, `<Reboot ${DEV}/>`);
    expect([unknown.status, faultSubcodes(unknown.body)]).toEqual([500, ['ter:ActionNotSupported']]);
    const wrongService = await soapPost(s.xaddr, `<GetProfiles ${MEDIA}/>`);
    expect(faultSubcodes(wrongService.body)).toEqual(['ter:ActionNotSupported']);
    const noProfile = await soapPost(url(s, 'ptz_service'), `<GetStatus ${PTZ}><ProfileToken>third</ProfileToken></GetStatus>`);
    expect([noProfile.status, faultSubcodes(noProfile.body)]).toEqual([400, ['ter:InvalidArgVal', 'ter:NoProfile']]);
    const badVelocity = await soapPost(
      url(s, 'ptz_service'),
      `<ContinuousMove ${PTZ}><ProfileToken>main</ProfileToken><Velocity><PanTilt ${TT} x="3" y="0"/></Velocity></ContinuousMove>`,
    );
    expect(faultSubcodes(badVelocity.body)).toEqual(['ter:InvalidArgVal', 'ter:InvalidVelocity']);
  });
});

describe('ONVIF stub: PTZ', () => {
  it('a ContinuousMove with a Timeout stops by itself and is logged with its arguments', async () => {
    const s = await start({ auth: 'none' });
    const move = `<ContinuousMove ${PTZ}><ProfileToken>main</ProfileToken><Velocity><PanTilt ${TT} x="0.5" y="0"/></Velocity><Timeout>PT0.2S</Timeout></ContinuousMove>`;
    expect((await soapPost(url(s, 'ptz_service'), move)).status).toBe(200);
    expect(s.state.moveStatus.panTilt).toBe('MOVING');
    await new Promise((r) => setTimeout(r, 350));
    const x = s.state.position.x;
    expect(x).toBeCloseTo(0.2, 5);
    expect(s.state.moveStatus.panTilt).toBe('IDLE');
    expect(s.ptzLog).toHaveLength(1);
    expect(s.ptzLog[0]).toMatchObject({ action: 'ContinuousMove', profileToken: 'main', velocity: { x: 0.5, y: 0 }, timeoutMs: 200, outcome: 'ok' });
  });

  it('keeps presets per profile and refuses duplicate names and unknown tokens', async () => {
    const s = await start({ auth: 'none' });
    const ptz = url(s, 'ptz_service');
    const set = (profile: string, name: string) =>
      soapPost(ptz, `<SetPreset ${PTZ}><ProfileToken>${profile}</ProfileToken><PresetName>${name}</PresetName></SetPreset>`);
    expect(childText((await set('main', 'Gate')).body, 'PresetToken')).toBe('1');
    expect(childText((await set('sub', 'Gate')).body, 'PresetToken')).toBe('1');
    expect(faultSubcodes((await set('main', 'Gate')).body)).toEqual(['ter:InvalidArgVal', 'ter:PresetExist']);
    const gone = await soapPost(ptz, `<GotoPreset ${PTZ}><ProfileToken>main</ProfileToken><PresetToken>9</PresetToken></GotoPreset>`);
    expect(faultSubcodes(gone.body)).toEqual(['ter:InvalidArgVal', 'ter:NoToken']);
    expect(s.ptzLog.at(-1)).toMatchObject({ action: 'GotoPreset', presetToken: '9', outcome: 'fault' });
    expect(Object.keys(s.state.presets).sort()).toEqual(['main', 'sub']);
  });
});
