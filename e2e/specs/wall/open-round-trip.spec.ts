// One round trip to open a stream: the tile sends its window's decoders with sw:stream:open and
// plays what the answer says. An H.265-only camera whose codec nobody configured (as the add form
// leaves it) reaches its first frame with exactly one open, in a browser that cannot decode
// H.265 (the main process re-encodes) and in one that can (it plays as it is).
import { expect, test } from '@playwright/test';
import { launchChromium } from '../../support/browser.js';
import { connectContract } from '../../support/contract-client.js';
import { freePort, startDemoCamera } from '../../support/demo-camera-process.js';
import { startHostApp } from '../../support/host-app.js';
import { showRtspCameraAlone } from '../../support/rtsp-scene.js';
import { expectAdvancing } from '../../support/video-probe.js';

/** Installed before the page's scripts: the host-mode bridge sends each invoke as JSON text here. */
function recordOpens(): void {
  const sent: string[] = [];
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (this: WebSocket, data: string | ArrayBufferLike | Blob | ArrayBufferView) {
    if (typeof data === 'string' && data.includes('"sw:stream:open"')) sent.push(data);
    return send.call(this, data);
  };
  (window as unknown as { swOpens: string[] }).swOpens = sent;
}

test('an H.265-only camera of unknown codec reaches its first frame with one sw:stream:open', async () => {
  const port = await freePort();
  const camera = await startDemoCamera(port);
  const host = await startHostApp();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(recordOpens);
    await page.goto(host.url);
    const h265Playable = await page.evaluate(() => MediaSource.isTypeSupported('video/mp4; codecs="hvc1.1.6.L93.B0"'));
    const contract = await connectContract(host);
    await showRtspCameraAlone(contract, { id: 'dock-265', deviceName: 'Dock', url: `rtsp://127.0.0.1:${port}/demo/h265` });
    contract.close();

    await expectAdvancing(page, [0], 30_000);
    await expect(page.getByTestId('tile').first()).toHaveAttribute('data-state', 'live');
    await page.waitForTimeout(1000); // a second open, if any, would have left by now
    const opens = await page.evaluate(() => (window as unknown as { swOpens: string[] }).swOpens.filter((m) => m.includes('"dock-265"')));
    expect(opens).toHaveLength(1);
    const request = JSON.parse(opens[0]!) as { payload: { decode?: { h264: boolean; h265: boolean } } };
    expect(request.payload.decode).toMatchObject({ h264: true, h265: h265Playable });
  } finally {
    await browser.close();
    await host.stop();
    await camera.stop();
  }
});
