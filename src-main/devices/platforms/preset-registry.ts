// Presets a platform does not list reliably (WVP's preset query waits 3 s for the device and
// often answers "timeout"): Skywall remembers the presets it set or saw per channel and answers
// from that when the platform does not. In memory per running app; the PTZ service keeps the
// operator's own list persisted.
import type { PtzPreset } from '../capabilities.js';

export class PresetRegistry {
  private readonly byChannel = new Map<string, Map<string, string>>();

  list(channelKey: string): PtzPreset[] {
    const m = this.byChannel.get(channelKey);
    if (!m) return [];
    return [...m].map(([token, name]) => ({ token, name })).sort((a, b) => Number(a.token) - Number(b.token) || a.token.localeCompare(b.token));
  }

  remember(channelKey: string, presets: PtzPreset[]): void {
    const m = this.byChannel.get(channelKey) ?? new Map<string, string>();
    for (const p of presets) m.set(p.token, p.name);
    this.byChannel.set(channelKey, m);
  }

  forget(channelKey: string, token: string): void {
    this.byChannel.get(channelKey)?.delete(token);
  }

  /** The lowest preset number (1-255, GB/T 28181) not in use on the channel. */
  freeNumber(channelKey: string): number {
    const used = new Set(this.list(channelKey).map((p) => p.token));
    for (let n = 1; n <= 255; n++) if (!used.has(String(n))) return n;
    throw new Error('all 255 preset numbers are in use');
  }
}
