import { expect, test } from '../../support/app-fixture.js';
import { connectContract } from '../../support/contract-client.js';
import { expectAdvancing } from '../../support/video-probe.js';
import { startGstRtspServer } from '../../fixtures/gst-rtsp.js';

test.use({ hostOnly: true });

test('a camera with G.711 audio plays its video and says the audio is left out', async ({ app }) => {
  const { page, host } = app;
  const gst = await startGstRtspServer({ width: 640, height: 360 });
  const contract = await connectContract(host!);
  try {
    const cameras = (id: string, mount: string) => [{ id, name: id.toUpperCase(), ptz: false, sources: [{ profile: 'main' as const, url: gst.url(mount), codec: 'h264' as const }] }];
    await contract.call('sw:devices:add', { name: 'Hall', kind: 'rtsp', host: '127.0.0.1', port: gst.port, cameras: [...cameras('hall-g711', '/h264-pcma'), ...cameras('hall-aac', '/h264-aac')] });
    const wall = await contract.call('sw:walls:forWindow', {});
    await contract.call('sw:walls:save', { ...wall, rows: 1, cols: 2, tiles: [{ cameraId: 'hall-g711', profile: 'main' }, { cameraId: 'hall-aac', profile: 'main' }] });
    await expectAdvancing(page, [0, 1]);
    const notices = page.getByTestId('tile-audio-notice');
    await expect(notices).toHaveCount(1); // the G.711 tile only; AAC is simply muted like every tile
    await expect(page.getByTestId('tile').first().getByTestId('tile-audio-notice')).toHaveText('伴音为 G.711，无法在此播放，已略去');
  } finally {
    contract.close();
    await gst.stop();
  }
});
