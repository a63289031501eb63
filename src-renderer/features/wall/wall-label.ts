import type { MessageKey, Params } from '../../i18n/translate.js';

/** A wall's name as shown: main names default walls "Wall N", worded here in the operator's language. */
export function wallLabel(t: (key: MessageKey, params?: Params) => string, wall: { name: string }): string {
  const n = /^Wall (\d+)$/.exec(wall.name)?.[1];
  return n ? t('wall.defaultName', { n }) : wall.name;
}
