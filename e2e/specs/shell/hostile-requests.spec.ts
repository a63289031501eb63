// D1, D2 against the built host process: request targets that once ended it (an upgrade to
// "//[" on /ipc and on the live gateway, a bad percent-escape on the page server) are refused,
// and the process goes on serving the page, the contract and the gateway.
import { expect, test } from '@playwright/test';
import { getRequest, rawRequest, upgradeRequest } from '../../../src-main/testing/net/raw-http.js';
import { connectContract } from '../../support/contract-client.js';
import { startHostApp, type HostApp } from '../../support/host-app.js';
import { playableFacts } from '../../../src-main/testing/services/stream-answer.js';

let host: HostApp;
test.beforeEach(async () => {
  host = await startHostApp();
});
test.afterEach(async () => {
  await host.stop();
});

test('the host process refuses unparsable request targets and keeps serving', async () => {
  const page = new URL(host.url);
  const port = Number(page.port);

  expect((await rawRequest(port, upgradeRequest('//[', page.origin))).status).toBe(400);
  expect((await rawRequest(port, getRequest('/%E0%A4%A'))).status).toBe(400);

  const contract = await connectContract(host);
  const devices = await contract.call('sw:devices:list', {});
  const camera = devices[0]!.cameras[0]!;
  const facts = playableFacts(await contract.call('sw:stream:open', { cameraId: camera.id, profile: 'main' }));
  const gatewayPort = Number(new URL(facts.url).port);
  expect((await rawRequest(gatewayPort, upgradeRequest('//[', page.origin))).status).toBe(400);
  expect((await rawRequest(gatewayPort, upgradeRequest('/live/%E0%A4%A?token=%', page.origin))).status).toBeGreaterThanOrEqual(400);

  // Still alive: the page, the contract and the gateway answer.
  expect((await fetch(page.origin + '/')).status).toBe(200);
  expect((await contract.call('sw:app:getInfo', {})).mode).toBe('host');
  const again = playableFacts(await contract.call('sw:stream:open', { cameraId: camera.id, profile: 'main' }));
  expect(new URL(again.url).port).toBe(String(gatewayPort));
  contract.close();
  expect(host.output()).not.toMatch(/Uncaught|TypeError|URIError/);
});
