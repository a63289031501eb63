import type { Req, Settings } from '@common/contract/index.js';
import { settingsService } from '../../services/settings.js';
import { subscribeThenFetch } from '../../services/sync.js';
import type { SliceCreator } from '../types.js';
import type { SettingsActions } from './actions-shape.js';
import { settingsInitialState, type SettingsState } from './initialState.js';


type Patch = Req<'sw:settings:update'>;

export const createSettingsSlice: SliceCreator<SettingsState & SettingsActions> = (set) => {
  // What main said last, and the operator's changes still on their way: a control follows the
  // click at once, and an older answer (to another change) never undoes a newer click.
  let base: Settings | undefined;
  const pending: Patch[] = [];
  const show = (): void => set({ settings: base && pending.reduce<Settings>((s, p) => ({ ...s, ...p }), base) });
  const fromMain = (settings: Settings): void => {
    base = settings;
    show();
  };
  const update = async (patch: Patch): Promise<void> => {
    pending.push(patch);
    show();
    try {
      base = await settingsService.update(patch);
    } catch {
      // Refused: the patch is dropped below and the control goes back to what main holds.
    } finally {
      pending.splice(pending.indexOf(patch), 1);
      show();
    }
  };

  return {
    ...settingsInitialState,
    followSettings: () => subscribeThenFetch(settingsService.onChange, settingsService.get, { snapshot: fromMain, event: fromMain }),
    setLocale: (locale) => update({ locale }),
    setShowTileStats: (showTileStats) => update({ showTileStats }),
    patchSettings: update,
  };
};
