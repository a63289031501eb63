// What the slice offers, apart from its implementation, so the store type can name it without importing the slice.
import type { Locale, Req } from '@common/contract/index.js';
import type { Unsubscribe } from '../../services/sync.js';

export interface SettingsActions {
  followSettings(): Promise<Unsubscribe>;
  setLocale(locale: Locale): Promise<void>;
  setShowTileStats(show: boolean): Promise<void>;
  /** Any settings change, shown at once and undone if main refuses (other slices' own settings). */
  patchSettings(patch: Req<'sw:settings:update'>): Promise<void>;
}
