// In-memory presets, kept per media profile (tokens "1", "2", ... never reused within a profile).

import { faults } from './soap-writer.js';
import type { PtzVector } from './ptz-simulator.js';

export interface StubPreset {
  token: string;
  name: string;
  position: PtzVector;
}

export class PresetStore {
  private readonly byProfile = new Map<string, Map<string, StubPreset>>();
  private readonly nextToken = new Map<string, number>();

  constructor(private readonly maxPerProfile: number) {}

  list(profile: string): StubPreset[] {
    return [...(this.byProfile.get(profile)?.values() ?? [])].map((p) => ({ ...p, position: { ...p.position } }));
  }

  get(profile: string, token: string): StubPreset {
    const p = this.byProfile.get(profile)?.get(token);
    if (!p) throw faults.noToken(token);
    return p;
  }

  /** SetPreset: with a token, update that preset; without, create one. Returns the token. */
  set(profile: string, name: string | undefined, token: string | undefined, position: PtzVector): string {
    const presets = this.profileMap(profile);
    if (name !== undefined) {
      for (const p of presets.values()) {
        if (p.name === name && p.token !== token) throw faults.presetExist(name);
      }
    }
    if (token !== undefined) {
      const existing = presets.get(token);
      if (!existing) throw faults.noToken(token);
      existing.position = { ...position };
      if (name !== undefined) existing.name = name;
      return token;
    }
    if (presets.size >= this.maxPerProfile) throw faults.tooManyPresets();
    const n = this.nextToken.get(profile) ?? 1;
    this.nextToken.set(profile, n + 1);
    const newToken = String(n);
    presets.set(newToken, { token: newToken, name: name ?? `Preset ${newToken}`, position: { ...position } });
    return newToken;
  }

  remove(profile: string, token: string): void {
    if (!this.profileMap(profile).delete(token)) throw faults.noToken(token);
  }

  snapshot(): Record<string, StubPreset[]> {
    const out: Record<string, StubPreset[]> = {};
    for (const profile of this.byProfile.keys()) out[profile] = this.list(profile);
    return out;
  }

  private profileMap(profile: string): Map<string, StubPreset> {
    let m = this.byProfile.get(profile);
    if (!m) {
      m = new Map();
      this.byProfile.set(profile, m);
    }
    return m;
  }
}
