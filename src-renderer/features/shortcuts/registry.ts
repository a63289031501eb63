// The window's keyboard shortcuts, in one place: every feature registers its keys here, one key
// listener dispatches them, and the help overlay lists exactly what is registered.
import type { MessageKey } from '../../i18n/translate.js';

/** Help overlay sections, in the order shown. */
export const SHORTCUT_GROUPS = ['wall', 'tile', 'ptz', 'layoutEditor', 'app'] as const;
export type ShortcutGroup = (typeof SHORTCUT_GROUPS)[number];

export interface Shortcut {
  /** Unique per shortcut: registering the same id again replaces it. */
  id: string;
  /** The keys as the help overlay shows them, e.g. "Ctrl+Z"; empty when another entry already shows them (each arrow). */
  keys: string;
  /** What it does, in the operator's language. */
  label: MessageKey;
  group: ShortcutGroup;
  match(e: KeyboardEvent): boolean;
  run(e: KeyboardEvent): void;
  /** Off for now (e.g. nothing to undo); the key then does what it would do without the shortcut. */
  enabled?(): boolean;
  /** Also while typing in a text field (Escape, F11); others leave typing alone. */
  whileTyping?: boolean;
  /** Also while the focus is in a dialog (closing the help overlay); other keys belong to the dialog. */
  inDialogs?: boolean;
  /** When several match the same key (Esc), the highest goes first; 0 by default. */
  priority?: number;
}

const shortcuts = new Map<string, Shortcut>();
const watchers = new Set<() => void>();
let version = 0;

/** Adds shortcuts; the returned function removes exactly these again. */
export function registerShortcuts(list: Shortcut[]): () => void {
  for (const s of list) shortcuts.set(s.id, s);
  changed();
  return () => {
    for (const s of list) if (shortcuts.get(s.id) === s) shortcuts.delete(s.id);
    changed();
  };
}

/** Every registered shortcut, by group then in registration order. */
export function listShortcuts(): Shortcut[] {
  return SHORTCUT_GROUPS.flatMap((g) => [...shortcuts.values()].filter((s) => s.group === g));
}

/** Runs the first enabled shortcut matching the key; true if one did (the key is then consumed). */
export function dispatchKey(e: KeyboardEvent): boolean {
  if (e.defaultPrevented) return false; // a panel (the camera tree) already used the key
  const typing = isTyping(e.target);
  const inDialog = isInDialog(e.target);
  const byPriority = [...shortcuts.values()].sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0));
  for (const s of byPriority) {
    if ((typing && !s.whileTyping) || (inDialog && !s.inDialogs)) continue;
    if (!s.match(e) || (s.enabled && !s.enabled())) continue;
    e.preventDefault();
    s.run(e);
    return true;
  }
  return false;
}

/** A key with exactly these modifiers (`key` as KeyboardEvent.key, case-insensitive for letters). */
export function key(name: string, mods: { ctrl?: boolean; shift?: boolean; alt?: boolean } = {}): (e: KeyboardEvent) => boolean {
  return (e) => e.key.toLowerCase() === name.toLowerCase() && (e.ctrlKey || e.metaKey) === !!mods.ctrl && e.shiftKey === !!mods.shift && e.altKey === !!mods.alt;
}

/** For the help overlay: a number that changes whenever the registry does. */
export function shortcutsVersion(): number {
  return version;
}

export function watchShortcuts(cb: () => void): () => void {
  watchers.add(cb);
  return () => watchers.delete(cb);
}

function changed(): void {
  version++;
  for (const w of watchers) w();
}

function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false;
  const el = target as HTMLElement;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable) return true;
  if (tag !== 'INPUT') return false;
  const type = (el as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'range'].includes(type);
}

function isInDialog(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return typeof el?.closest === 'function' && el.closest('[aria-modal="true"]') !== null;
}
