// Which adapter serves a stored device. The demo is a device like any other, served by the
// adapter that knows the running demo's ports; every other device goes by its stored kind.
import type { DeviceKind } from '../common/contract/devices.js';
import { SkywallError } from '../common/model/errors.js';
import type { DeviceAdapter, DeviceConfig } from './adapter.js';

export type AdapterKind = DeviceKind | 'demo';

export function adapterKindOf(config: Pick<DeviceConfig, 'kind' | 'demo'>): AdapterKind {
  return config.demo ? 'demo' : config.kind;
}

export class DeviceAdapterRegistry {
  private readonly adapters = new Map<AdapterKind, DeviceAdapter>();

  constructor(entries: Iterable<readonly [AdapterKind, DeviceAdapter]> = []) {
    for (const [kind, adapter] of entries) this.register(kind, adapter);
  }

  register(kind: AdapterKind, adapter: DeviceAdapter): void {
    if (this.adapters.has(kind)) throw new Error(`a device adapter for ${kind} is registered already`);
    this.adapters.set(kind, adapter);
  }

  has(kind: AdapterKind): boolean {
    return this.adapters.has(kind);
  }

  /** The adapter for this device; `not_found` (with the kind) when no adapter serves it. */
  forDevice(config: Pick<DeviceConfig, 'id' | 'kind' | 'demo'>): DeviceAdapter {
    const kind = adapterKindOf(config);
    const adapter = this.adapters.get(kind);
    if (!adapter) throw new SkywallError('not_found', `no device adapter for kind ${kind}`, { kind, deviceId: config.id });
    return adapter;
  }
}
