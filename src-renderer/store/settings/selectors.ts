import type { Locale } from '@common/contract/index.js';
import type { Store } from '../types.js';

export const settingsSelectors = {
  locale: (s: Store): Locale => s.settings?.locale ?? 'zh-CN',
  showTileStats: (s: Store): boolean => s.settings?.showTileStats ?? false,
};
