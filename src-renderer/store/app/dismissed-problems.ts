// Notices the operator dismissed stay dismissed: across reloads and reconnections to main, which
// lists its start-up problems again each time. Kept per browser profile (localStorage).
import type { Problem } from '@common/contract/index.js';

const KEY = 'skywall.dismissedProblems';
/** Enough for every notice of many runs; the oldest are forgotten first. */
const KEEP = 200;

export function problemKey(p: Problem): string {
  return `${p.code}|${p.at}|${JSON.stringify(p.params ?? {})}`;
}

function storage(): Storage | undefined {
  return typeof localStorage === 'undefined' ? undefined : localStorage;
}

export function loadDismissed(): Set<string> {
  try {
    const parsed: unknown = JSON.parse(storage()?.getItem(KEY) ?? '[]');
    return new Set(Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === 'string') : []);
  } catch {
    return new Set();
  }
}

export function rememberDismissed(dismissed: Set<string>, p: Problem): void {
  dismissed.add(problemKey(p));
  try {
    storage()?.setItem(KEY, JSON.stringify([...dismissed].slice(-KEEP)));
  } catch {
    // A full or refused storage only means the notice may show again after a reload.
  }
}
