import type { Locale } from '@common/contract/settings.js';
import { en } from './en.js';
import { zhCN, type MessageKey } from './zh-CN.js';

export type { MessageKey };
export type Params = Record<string, string | number>;

const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export function hasKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zhCN, key);
}

/**
 * Looks a key up and fills `{name}` placeholders. An unknown key shows itself, never a blank.
 * A `count` of 1 picks the key's `.one` form where there is one ("1 camera", not "1 cameras").
 */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const one = `${key}.one`;
  if (params?.count === 1 && hasKey(one)) key = one;
  const template = dictionaries[locale][key] ?? zhCN[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** An error from the contract, in the operator's language. */
export function translateError(locale: Locale, error: { code: string; params?: Params }): string {
  const key = `error.${error.code}`;
  return hasKey(key) ? translate(locale, key, error.params ?? { path: '' }) : translate(locale, 'error.internal');
}

export const LOCALES: Locale[] = ['zh-CN', 'en'];
export { dictionaries };
