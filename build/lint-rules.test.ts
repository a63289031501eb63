import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The layer rules are behaviour: feed ESLint code that breaks them and expect the layer rule to
// refuse it; feed it code that follows them and expect no complaint at all.
const root = path.resolve(__dirname, '..');
const eslint = new ESLint({ cwd: root });

async function lint(file: string, code: string): Promise<Array<{ ruleId: string | null; message: string }>> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => ({ ruleId: m.ruleId, message: m.message }));
}

const importing = (spec: string) => `import * as m from '${spec}';\nexport const a = m;\n`;

describe('layer lint refuses', () => {
  it.each([
    // common is the ground
    ['src-main/common/model/x.ts', 'node:fs', /common is the ground/],
    ['src-main/common/model/x.ts', 'fs', /common is the ground/],
    ['src-main/common/model/x.ts', 'ws', /common is the ground/],
    ['src-main/common/model/x.ts', 'electron', /only src-main\/app and src-main\/preload/],
    ['src-main/common/model/x.ts', '../../base/log/redact.js', /common may not import base/],
    // base knows nothing of the app
    ['src-main/base/log/x.ts', '../../media/types.js', /base may not import media/],
    ['src-main/base/log/x.ts', '../../storage/index.js', /base may not import storage/],
    // media, devices, storage, export never reach up
    ['src-main/media/hub/x.ts', '../../services/stream-service.js', /media may not import services/],
    ['src-main/media/hub/x.ts', '../../demo/rtsp/index.js', /media may not import demo/],
    ['src-main/media/hub/x.ts', '../../ipc/router.js', /media may not import ipc/],
    ['src-main/media/hub/x.ts', '../../host/host-server.js', /media may not import shell\/host/],
    ['src-main/media/relay/x.ts', '../../storage/index.js', /media may not import storage/],
    ['src-main/storage/x.ts', '../media/types.js', /storage may not import media/],
    ['src-main/storage/x.ts', '../services/devices-service.js', /storage may not import services/],
    ['src-main/devices/onvif/x.ts', '../../services/stream-service.js', /devices may not import services/],
    ['src-main/devices/onvif/x.ts', '../../demo/index.js', /devices may not import demo/],
    ['src-main/devices/onvif/x.ts', '../../app/electron-main.js', /devices may not import shell\/app/],
    ['src-main/export/x.ts', '../services/app-core.js', /export may not import services/],
    ['src-main/export/x.ts', '../ipc/router.js', /export may not import ipc/],
    ['src-main/ipc/x.ts', '../services/app-core.js', /ipc may not import services/],
    // the shells do not borrow from each other
    ['src-main/app/x.ts', '../host/static-files.js', /shell\/app may not import shell\/host/],
    ['src-main/host/x.ts', '../app/electron-main.js', /shell\/host may not import shell\/app/],
    // only app/ and preload/ import electron (raw ipcMain/ipcRenderer included)
    ['src-main/services/x.ts', 'electron', /only src-main\/app and src-main\/preload/],
    ['src-main/media/x.ts', 'electron', /only src-main\/app and src-main\/preload/],
    ['src-main/host/x.ts', 'electron', /only src-main\/app and src-main\/preload/],
    ['src-main/preload/x.ts', 'node:fs', /sandbox/],
    // nothing in the product imports the test kit
    ['src-main/media/hub/x.ts', '../../testing/hub/fake-producer.js', /may not import src-main\/testing/],
    ['src-main/services/x.ts', '../testing/storage/temp-dir.js', /may not import src-main\/testing/],
    ['src-renderer/features/x.ts', '../../src-main/testing/hub/fake-producer.js', /may not import src-main\/testing/],
    // the renderer: sandboxed, common only from main, bridge behind services, ui presentational
    ['src-renderer/features/x.ts', 'fs', /sandbox: no node modules/],
    ['src-renderer/features/tile/x.ts', 'node:path', /sandbox: no node modules/],
    ['src-renderer/player/x.ts', 'ws', /sandbox: no node modules/],
    ['src-renderer/features/x.ts', 'electron', /only src-main\/app and src-main\/preload/],
    ['src-renderer/features/x.ts', '../../src-main/media/types.js', /may import only src-main\/common/],
    ['src-renderer/store/x.ts', '../../src-main/storage/index.js', /may import only src-main\/common/],
    ['src-renderer/features/x.ts', '../services/ws-bridge.js', /Only renderer\/services may import/],
    ['src-renderer/store/x.ts', '../services/bridge-types.js', /Only renderer\/services may import/],
    ['src-renderer/ui/x.ts', '../store/app-store.js', /renderer\/ui may not import renderer\/store/],
    ['src-renderer/ui/x.ts', '../services/streams.js', /renderer\/ui may not import renderer\/services/],
    ['src-renderer/player/x.ts', '../store/app-store.js', /renderer\/player may not import renderer\/store/],
    ['src-renderer/services/x.ts', '../features/tile/use-tile-stream.js', /renderer\/services may not import renderer\/features/],
    // main never imports the renderer
    ['src-main/services/x.ts', '../../src-renderer/store/app-store.js', /in no layer|may not import/],
    // a folder outside the table is refused, so a new one is placed on purpose
    ['src-main/gadgets/x.ts', '../common/model/errors.js', /src-main\/gadgets is in no layer/],
  ])('%s importing %s', async (file, spec, why) => {
    const messages = await lint(file, importing(spec));
    expect(messages.map((m) => m.ruleId)).toContain('skywall/layers');
    expect(messages.map((m) => m.message).join('\n')).toMatch(why);
  });

  it('checks export-from, dynamic and type-only imports too', async () => {
    const file = 'src-main/media/hub/x.ts';
    const cases = [
      "export { createStreamService } from '../../services/stream-service.js';\n",
      "export * from '../../services/stream-service.js';\n",
      "export async function f() { return import('../../services/stream-service.js'); }\n",
      "import type { StreamService } from '../../services/stream-service.js';\nexport type S = StreamService;\n",
    ];
    for (const code of cases) expect((await lint(file, code)).map((m) => m.ruleId), code).toContain('skywall/layers');
  });

  it('keeps browser and process globals out of common', async () => {
    const messages = await lint('src-main/common/model/x.ts', 'export const a = process.env.HOME;\n');
    expect(messages.map((m) => m.ruleId)).toContain('no-restricted-globals');
  });
});

describe('layer lint allows', () => {
  it.each([
    ['src-main/preload/x.ts', 'electron'],
    ['src-main/app/x.ts', 'electron'],
    ['src-main/app/x.ts', '../base/http/csp.js'],
    ['src-main/host/x.ts', '../base/http/csp.js'],
    ['src-main/media/relay/x.ts', '../../base/log/redact.js'],
    ['src-main/media/relay/x.ts', 'node:http'],
    ['src-main/storage/x.ts', '../base/log/redact.js'],
    ['src-main/devices/onvif/x.ts', '../../media/types.js'],
    ['src-main/services/x.ts', '../media/hub/index.js'],
    ['src-main/services/x.ts', '../demo/rtsp/index.js'],
    ['src-main/demo/rtsp/x.ts', '../../media/codec/index.js'],
    ['src-main/common/model/x.ts', 'zod'],
    ['src-renderer/services/x.ts', './ws-bridge.js'],
    ['src-renderer/features/x.ts', '../services/streams.js'],
    ['src-renderer/features/x.ts', '../../src-main/common/contract/index.js'],
    ['src-renderer/ui/x.ts', '../i18n/use-t.js'],
    // tests and the test kit may import anything
    ['src-main/media/hub/hub.test.ts', '../../testing/hub/fake-producer.js'],
    ['src-main/testing/hub/x.ts', '../../services/stream-service.js'],
    ['src-renderer/features/x.test.ts', 'node:fs'],
  ])('%s importing %s', async (file, spec) => {
    expect(await lint(file, importing(spec))).toEqual([]);
  });
});
