import { afterEach, describe, expect, it } from 'vitest';
import { dispatchKey, key, listShortcuts, registerShortcuts, type Shortcut } from './registry.js';

/** A keydown as the window sees it, with a target that is or is not a text field or in a dialog. */
function keydown(k: string, opts: { ctrl?: boolean; shift?: boolean; target?: object } = {}) {
  let prevented = false;
  const e = {
    key: k,
    ctrlKey: !!opts.ctrl,
    metaKey: false,
    shiftKey: !!opts.shift,
    altKey: false,
    target: opts.target ?? { tagName: 'BODY', closest: () => null },
    preventDefault: () => (prevented = true),
  } as unknown as KeyboardEvent;
  return { e, prevented: () => prevented };
}
const input = { tagName: 'INPUT', type: 'text', closest: () => null };
const inDialog = { tagName: 'BUTTON', closest: (sel: string) => (sel.includes('aria-modal') ? {} : null) };

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});
function register(list: Shortcut[]) {
  cleanups.push(registerShortcuts(list));
}

describe('shortcut registry', () => {
  it('runs the matching shortcut, consumes its key, and lists it for the help overlay', () => {
    const ran: string[] = [];
    register([{ id: 't.undo', keys: 'Ctrl+Z', label: 'shortcuts.wall.undo', group: 'wall', match: key('z', { ctrl: true }), run: () => ran.push('undo') }]);
    const plainZ = keydown('z');
    expect(dispatchKey(plainZ.e)).toBe(false);
    const ctrlZ = keydown('Z', { ctrl: true });
    expect(dispatchKey(ctrlZ.e)).toBe(true);
    expect([ran, ctrlZ.prevented()]).toEqual([['undo'], true]);
    expect(listShortcuts().map((s) => s.id)).toContain('t.undo');
  });

  it('leaves typing and dialogs alone unless a shortcut says otherwise', () => {
    const ran: string[] = [];
    register([
      { id: 't.enter', keys: 'Enter', label: 'shortcuts.wall.maximise', group: 'wall', match: key('Enter'), run: () => ran.push('enter') },
      { id: 't.f11', keys: 'F11', label: 'shortcuts.wall.fullscreen', group: 'wall', match: key('F11'), run: () => ran.push('f11'), whileTyping: true },
    ]);
    expect(dispatchKey(keydown('Enter', { target: input }).e)).toBe(false);
    expect(dispatchKey(keydown('Enter', { target: inDialog }).e)).toBe(false);
    expect(dispatchKey(keydown('F11', { target: input }).e)).toBe(true);
    expect(ran).toEqual(['f11']);
  });

  it('of several shortcuts on one key, the enabled one with the highest priority runs', () => {
    const ran: string[] = [];
    let maximised = true;
    register([
      { id: 't.leave', keys: 'Esc', label: 'shortcuts.wall.fullscreenLeave', group: 'wall', match: key('Escape'), run: () => ran.push('leave') },
      { id: 't.restore', keys: 'Esc', label: 'shortcuts.wall.restore', group: 'wall', match: key('Escape'), priority: 10, enabled: () => maximised, run: () => ran.push('restore') },
    ]);
    dispatchKey(keydown('Escape').e);
    maximised = false;
    dispatchKey(keydown('Escape').e);
    expect(ran).toEqual(['restore', 'leave']);
  });

  it('unregistering removes exactly what was registered', () => {
    const off = registerShortcuts([{ id: 't.x', keys: 'X', label: 'shortcuts.help', group: 'app', match: key('x'), run: () => undefined }]);
    off();
    expect(listShortcuts().some((s) => s.id === 't.x')).toBe(false);
  });
});
