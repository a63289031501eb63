// What a stream is expected to cost before it has run, and the limits a device has when the
// operator set none. Vendor figures are the typical values of their data sheets (IP cameras
// list "simultaneous live view", NVRs an outgoing bandwidth); a device that needs other limits
// gets them edited, and docs/health.md says where each number comes from.
import type { BudgetLimits, StreamBudget } from './budget.js';

/** Bits per pixel per frame of typical surveillance H.264/H.265 at 25 fps (1080p ≈ 4 Mbit/s). */
const BITS_PER_PIXEL = 0.08;
const FPS = 25;

/** When the size is unknown: what NVR main, sub and third streams usually run at. */
const PROFILE_KBPS = { main: 4096, sub: 512, third: 256 } as const;

/** Expected kbit/s of one stream, from its picture size when the device said it. */
export function estimateKbps(profile: keyof typeof PROFILE_KBPS, width?: number, height?: number): number {
  if (width && height) return Math.max(64, Math.round((width * height * FPS * BITS_PER_PIXEL) / 1000));
  return PROFILE_KBPS[profile];
}

interface VendorDefaults {
  camera: BudgetLimits;
  nvr: BudgetLimits;
}

/** Data-sheet typical limits; platforms and plain URLs have none (the platform's server carries the load). */
const VENDOR_DEFAULTS: Record<string, VendorDefaults> = {
  // IPC data sheets: "Simultaneous live view: up to 6 channels"; NVRs: 80 Mbps outgoing (DS-76xx/77xx).
  hikvision: { camera: { maxStreams: 6 }, nvr: { maxBitrateKbps: 80_000 } },
  // IPC data sheets: up to 20 users, of which about 10 live views hold at full rate; NVR4xxx: 80 Mbps.
  dahua: { camera: { maxStreams: 10 }, nvr: { maxBitrateKbps: 80_000 } },
  // IPC data sheets: "Simultaneous live view: up to 7" (unverified on hardware); NVR30x: 64 Mbps.
  uniview: { camera: { maxStreams: 7 }, nvr: { maxBitrateKbps: 64_000 } },
};

/**
 * A device's effective limits: what the operator set wins field by field; otherwise its vendor's
 * defaults for its category; otherwise none.
 */
export function effectiveLimits(device: { kind: string; category?: string | undefined; maxStreams?: number | undefined; maxBitrateKbps?: number | undefined }): BudgetLimits {
  const vendor = VENDOR_DEFAULTS[device.kind];
  const defaults = vendor ? (device.category === 'nvr' ? vendor.nvr : device.category === 'camera' ? vendor.camera : {}) : {};
  const maxStreams = device.maxStreams ?? defaults.maxStreams;
  const maxBitrateKbps = device.maxBitrateKbps ?? defaults.maxBitrateKbps;
  return { ...(maxStreams !== undefined ? { maxStreams } : {}), ...(maxBitrateKbps !== undefined ? { maxBitrateKbps } : {}) };
}

/** The parts of a stored device the budget reads (structural, so media does not depend on the device model). */
export interface BudgetDevice {
  id: string;
  name: string;
  kind: string;
  category?: string | undefined;
  maxStreams?: number | undefined;
  maxBitrateKbps?: number | undefined;
  cameras: readonly { id: string; sources: readonly { profile: string; width?: number | undefined; height?: number | undefined }[] }[];
}

const PROFILES = ['main', 'sub', 'third'] as const;

/** Tells the budget what each profile of one camera costs and which device pays. */
export function describeCamera(budget: StreamBudget, device: BudgetDevice, cameraId: string): void {
  const camera = device.cameras.find((c) => c.id === cameraId);
  const category = device.category ?? (device.cameras.length > 1 ? 'nvr' : 'camera');
  const limits = effectiveLimits({ ...device, category });
  for (const profile of PROFILES) {
    const source = camera?.sources.find((s) => s.profile === profile);
    // A profile the camera does not list is not there to move a tile to (main always counts).
    if (!source && profile !== 'main' && camera && camera.sources.length > 0) continue;
    budget.describe(`${cameraId}/${profile}`, { group: device.id, label: device.name, kbps: estimateKbps(profile, source?.width, source?.height), limits });
  }
}
