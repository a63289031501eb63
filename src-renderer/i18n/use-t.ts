import { useCallback } from 'react';
import { settingsSelectors, useStore } from '../store/index.js';
import { translate, translateError, type MessageKey, type Params } from './translate.js';

/** The translate function for the current locale; re-renders when the locale changes. */
export function useT(): (key: MessageKey, params?: Params) => string {
  const locale = useStore(settingsSelectors.locale);
  return useCallback((key: MessageKey, params?: Params) => translate(locale, key, params), [locale]);
}

export function useTError(): (e: { code: string; params?: Params }) => string {
  const locale = useStore(settingsSelectors.locale);
  return useCallback((e) => translateError(locale, e), [locale]);
}
