// Platform play URLs carry bearer tokens (Artemis `/openUrl/<token>`, ZLMediaKit signs and call
// ids in the query). Once an adapter has received one, no log line, tile status or error the
// renderer gets shows the token: the adapter registers it with the log redactor, and the stream
// service masks status parameters before they leave main.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatEntry, redactSecrets } from '../../base/log/index.js';
import { EventBus } from '../../ipc/event-bus.js';
import { createStreamService, type StreamService } from '../../services/stream/service.js';
import type { DeviceRecord } from '../../storage/index.js';
import { startFakeArtemis, type FakeArtemis } from '../../testing/platforms/fake-artemis.js';
import { makeTestCertificate } from '../../testing/platforms/test-certificate.js';
import { devicesFor } from '../../testing/services/devices-fixture.js';
import { createDeviceAdapters } from '../index.js';
import { registerPlayUrlSecrets } from './play-url-secrets.js';
import { pickWvpUrl } from './wvp/wvp-adapter.js';

const ARTEMIS_TOKEN = 'f3a9c2e87b1d4e06a5c9b8e7d6f5a4b3';
const ZLM_SIGN = 'k9Xq2LmP7vRt';

describe('play URL secrets', () => {
  it('registers the token-like parts of a play URL and leaves ids, codecs and words alone', () => {
    expect(registerPlayUrlSecrets(`rtsp://10.1.2.3:554/openUrl/${ARTEMIS_TOKEN}`)).toEqual([ARTEMIS_TOKEN]);
    expect(registerPlayUrlSecrets(`http://10.1.2.3:80/rtp/34020000001320000001_34020000001310000001.live.flv?originTypeStr=rtp_push&videoCodec=H264&sign=${ZLM_SIGN}`)).toEqual([ZLM_SIGN]);
    expect(registerPlayUrlSecrets('ws://10.1.2.3:80/rtp/34020000001320000001_34020000001310000001.live.flv?originTypeStr=rtp_push&videoCodec=H265')).toEqual([]);
    const line = formatEntry('warn', 'stream', `pull of rtsp://10.1.2.3:554/openUrl/${ARTEMIS_TOKEN} failed; flv …?sign=${ZLM_SIGN}`, undefined, new Date(0));
    expect(line).not.toContain(ARTEMIS_TOKEN);
    expect(line).not.toContain(ZLM_SIGN);
    expect(line).toContain('rtsp://10.1.2.3:554/openUrl/***');
  });

  it('masks the token of the URL WVP answers as soon as the adapter picks it', () => {
    const callId = 'c0ffee42deadbeef77aa';
    const picked = pickWvpUrl({ ws_flv: `ws://10.1.2.3/rtp/3402_3402.live.flv?originTypeStr=rtp_push&callId=${callId}` }, false)!;
    expect(picked.url).toContain(callId); // the hub still pulls the real URL
    expect(redactSecrets(`opening ${picked.url}`)).not.toContain(callId);
  });
});

describe('an Artemis camera whose play URL fails', () => {
  let isc: FakeArtemis;
  let streams: StreamService;
  const bus = new EventBus();
  const events: string[] = [];
  const cert = makeTestCertificate();
  const printed: string[] = [];

  beforeAll(async () => {
    for (const m of ['log', 'warn', 'error', 'info', 'debug'] as const) vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(' ')));
    isc = await startFakeArtemis({
      appKey: '20261203',
      appSecret: 'iscSecretForTheTest',
      certificate: cert,
      regions: [{ indexCode: 'root', name: '某某县', parentIndexCode: '-1' }],
      cameras: [{ cameraIndexCode: 'isc-0001', cameraName: '县道卡口', cameraType: 2, regionIndexCode: 'root', online: true }],
      // A URL the RTSP client refuses to parse (port out of range): its error quotes the URL.
      previewUrl: () => `rtsp://127.0.0.1:99999/openUrl/${ARTEMIS_TOKEN}`,
    });
    const record = {
      id: 'isc-1',
      name: '综合安防平台',
      kind: 'artemis',
      category: 'platform',
      host: '127.0.0.1',
      port: isc.port,
      https: true,
      tlsPinSha256: cert.sha256,
      username: '20261203',
      demo: false,
      cameras: [{ id: 'isc-cam', name: '县道卡口', ptz: true, sources: [{ profile: 'main' }], externalId: 'isc-0001' }],
    } as DeviceRecord;
    bus.subscribe((name, payload) => void events.push(`${name} ${JSON.stringify(payload)}`));
    streams = await createStreamService({ devices: devicesFor([record], new Map([['isc-1', 'iscSecretForTheTest']])), adapters: createDeviceAdapters(), bus, graceMs: 200, findFfmpeg: async () => undefined });
  });
  afterAll(async () => {
    await streams.dispose();
    await isc.close();
    vi.restoreAllMocks();
  });

  it('tells the tile why without the token, and prints nothing with it', async () => {
    const answer = await streams.open({ cameraId: 'isc-cam', profile: 'main' });
    expect(JSON.stringify(answer)).not.toContain(ARTEMIS_TOKEN);
    await expect.poll(() => events.some((e) => e.includes('"errorCode"')), { timeout: 8000 }).toBe(true);
    expect(events.join('\n')).not.toContain(ARTEMIS_TOKEN);
    expect(printed.join('\n')).not.toContain(ARTEMIS_TOKEN);
    if (answer.plan !== 'dark') streams.close(answer.streamId);
  }, 20_000);
});
