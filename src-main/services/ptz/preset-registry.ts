// The client-side preset registry: this workstation remembers each camera's presets and the
// names operators gave them, because some platforms answer preset queries late or not at all
// (WVP waits 3 s and answers a timeout) and some keep no names. The device stays the truth
// for which presets exist whenever it answers.
import type { PtzPresetView } from '../../common/contract/ptz.js';
import type { PtzPreset } from '../../devices/index.js';
import type { RegistryPreset } from './ptz-files.js';

/** Presets in the order number keys call them: numeric tokens by number, then the rest by name. */
export function numbered(list: readonly RegistryPreset[], source: PtzPresetView['source']): PtzPresetView[] {
  const key = (t: string): number => (/^\d+$/.test(t) ? Number(t) : Number.POSITIVE_INFINITY);
  return [...list]
    .sort((a, b) => key(a.token) - key(b.token) || a.name.localeCompare(b.name) || a.token.localeCompare(b.token))
    .map((p, i) => ({ token: p.token, name: p.name, number: i + 1, source }));
}

/**
 * The device's list with the names this workstation gave (an empty name is worded by the
 * page from the preset's number). Tokens are compared as strings.
 */
export function mergeDeviceList(device: readonly PtzPreset[], registry: readonly RegistryPreset[]): RegistryPreset[] {
  const named = new Map(registry.map((p) => [String(p.token), p.name]));
  return device.map((p) => {
    const token = String(p.token);
    const mine = named.get(token);
    return { token, name: mine ?? p.name.trim() };
  });
}

export function withPreset(list: readonly RegistryPreset[], preset: RegistryPreset): RegistryPreset[] {
  return [...list.filter((p) => p.token !== preset.token), preset];
}

export function withoutPreset(list: readonly RegistryPreset[], token: string): RegistryPreset[] {
  return list.filter((p) => p.token !== token);
}
