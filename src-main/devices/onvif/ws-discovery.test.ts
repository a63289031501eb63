import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOnvifStub, type OnvifStub } from '../../demo/onvif/index.js';
import { parseProbeMatch, probeOnvifDevices } from './ws-discovery.js';

let camera: OnvifStub;
let nvr: OnvifStub;

beforeAll(async () => {
  const streamUris = { main: 'rtsp://127.0.0.1:1/main', sub: 'rtsp://127.0.0.1:1/sub' };
  camera = await startOnvifStub({ username: 'admin', password: 'pw', streamUris, discovery: true, name: 'Gate <Cam>' });
  nvr = await startOnvifStub({ username: 'admin', password: 'pw', streamUris, discovery: true, name: 'East NVR', manufacturer: 'HIKVISION', channels: 4 });
});
afterAll(async () => {
  await camera.close();
  await nvr.close();
});

describe('WS-Discovery on loopback', () => {
  it('finds both demo devices with maker, model, name and the device service address', async () => {
    const found = await probeOnvifDevices({ multicast: false, waitMs: 500, targets: [{ host: '127.0.0.1', port: camera.discoveryPort! }, { host: '127.0.0.1', port: nvr.discoveryPort! }] });
    expect(found.map((d) => d.xaddr).sort()).toEqual([camera.xaddr, nvr.xaddr].sort());
    const n = found.find((d) => d.port === nvr.port)!;
    expect(n).toMatchObject({ host: '127.0.0.1', path: '/onvif/device_service', name: 'East NVR', manufacturer: 'HIKVISION', model: 'SkywallDemoNVR' });
    expect(found.find((d) => d.port === camera.port)!.name).toBe('Gate <Cam>');
  });

  it('finds nothing, without error, when nobody answers', async () => {
    const silent = createSocket('udp4');
    await new Promise<void>((r) => silent.bind(0, '127.0.0.1', () => r()));
    const found = await probeOnvifDevices({ multicast: false, waitMs: 300, targets: [{ host: '127.0.0.1', port: silent.address().port }] });
    silent.close();
    expect(found).toEqual([]);
  });

  it('ignores answers to another probe, with a DTD, or without a usable address', () => {
    const id = 'urn:uuid:1';
    const ok = `<e><RelatesTo>${id}</RelatesTo><d:ProbeMatch><a:Address>urn:uuid:dev</a:Address><d:XAddrs>http://10.0.0.5/onvif/device_service</d:XAddrs><d:Scopes>onvif://www.onvif.org/name/A%20B</d:Scopes></d:ProbeMatch></e>`;
    expect(parseProbeMatch(ok, id)).toMatchObject({ host: '10.0.0.5', port: 80, name: 'A B' });
    expect(parseProbeMatch(ok, 'urn:uuid:2')).toBeUndefined();
    expect(parseProbeMatch(`<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${ok}`, id)).toBeUndefined();
    expect(parseProbeMatch(ok.replace('http://10.0.0.5', 'ftp://10.0.0.5'), id)).toBeUndefined();
  });
});
