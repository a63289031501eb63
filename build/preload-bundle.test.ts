import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, EVENT_NAMES } from '../src-main/common/contract/index.js';
import { bundlePreload } from './preload-bundle.mjs';

type Bridge = {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
};

/** Runs the real preload bundle against a stand-in for the two electron objects it touches. */
function loadPreload(code: string) {
  const invoked: string[] = [];
  const listening: string[] = [];
  let bridge: Bridge | undefined;
  const electron = {
    contextBridge: { exposeInMainWorld: (_key: string, api: Bridge) => (bridge = api) },
    ipcRenderer: {
      invoke: async (channel: string) => {
        invoked.push(channel);
        return { ok: true, value: null };
      },
      on: (event: string) => listening.push(event),
      removeListener: () => undefined,
    },
  };
  const requireElectron = (id: string) => {
    if (id !== 'electron') throw new Error(`the preload may import only electron, not ${id}`);
    return electron;
  };
  const module = { exports: {} };
  new Function('require', 'module', 'exports', code)(requireElectron, module, module.exports);
  if (!bridge) throw new Error('the preload exposed nothing');
  return { bridge, invoked, listening };
}

describe('preload bundle', () => {
  it('allow-lists exactly the contract channels and events, read from the schema maps', async () => {
    const { names, code = '' } = await bundlePreload({ write: false });
    expect([...names.channels].sort()).toEqual([...CHANNEL_NAMES].sort());
    expect([...names.events].sort()).toEqual([...EVENT_NAMES].sort());

    const { bridge, invoked, listening } = loadPreload(code);
    for (const c of CHANNEL_NAMES) await bridge.invoke(c, {});
    expect(invoked).toEqual(CHANNEL_NAMES);
    for (const e of EVENT_NAMES) bridge.on(e, () => undefined);
    expect(listening).toEqual(EVENT_NAMES);

    for (const stranger of ['sw:app:nope', 'toString', '__proto__', 'sw:stream:open ']) {
      expect(await bridge.invoke(stranger, {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
      expect(() => bridge.on(stranger, () => undefined)).toThrow(/unknown event/);
    }
    expect(invoked).toHaveLength(CHANNEL_NAMES.length);
  });

  it('stays small: no zod in the bundle', async () => {
    const { code = '' } = await bundlePreload({ write: false });
    expect(code).not.toMatch(/zod|ZodType|safeParse/);
    expect(code.length).toBeLessThan(8_000);
  });
});
