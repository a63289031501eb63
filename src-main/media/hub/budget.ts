// Stream budget: how many streams and how much bandwidth each device (or the thin link in front
// of it) carries, and how many H.264 re-encodes this workstation runs at once. The hub asks it
// before a source starts pulling; a source that does not fit is parked, not connected.
//
// Only the camera's own streams (`direct` keys) cost the device: a re-encode (`x264`) reads the
// camera stream through the hub, so that stream is counted once, and the re-encode itself costs
// one transcode slot. Keys nobody described (tests, tools) are free.
import { directKeyOf, formatSourceKey, parseSourceKey } from '../../common/model/source-key.js';

export interface BudgetLimits {
  /** Most concurrent streams pulled from the device. */
  maxStreams?: number | undefined;
  /** Most total bitrate pulled from the device, in kbit/s. */
  maxBitrateKbps?: number | undefined;
}

/** What one camera stream costs and whose budget pays for it. */
export interface BudgetEntry {
  /** The device (or link) id whose limits apply. */
  group: string;
  /** The device's name, for the operator's sentence. */
  label: string;
  /** Expected bitrate of this stream in kbit/s. */
  kbps: number;
  limits: BudgetLimits;
}

export type BudgetLimitKind = 'streams' | 'bitrate' | 'transcodes';

export type BudgetVerdict =
  | { ok: true }
  | {
      ok: false;
      limit: BudgetLimitKind;
      /** The limit (streams, kbit/s or transcodes). */
      max: number;
      /** What is in use now, in the same unit. */
      used: number;
      /** The device that is full (absent for the workstation's transcode cap). */
      group?: string;
      label?: string;
    };

interface Held {
  group: string;
  kbps: number;
}

export interface StreamBudgetOptions {
  /** Re-encodes running at once on this workstation (see transcodeCapForCpus). */
  maxTranscodes: number;
  now?: () => number;
}

/** One re-encode per core beyond the first (the first keeps the app, the gateway and the decoders responsive), at least one. */
export function transcodeCapForCpus(cpus: number): number {
  return Math.max(1, Math.floor(cpus) - 1);
}

/** How long a tile's switch between a camera's streams may take before its credit lapses. */
export const SWAP_CREDIT_MS = 20_000;

export class StreamBudget {
  private readonly entries = new Map<string, BudgetEntry>();
  private readonly held = new Map<string, Held>();
  private readonly transcodes = new Set<string>();
  /** Stream that replaces another of the same camera (to -> from, until): charged in its place. */
  private readonly swaps = new Map<string, { from: string; until: number }>();
  private maxTranscodes: number;
  private readonly now: () => number;

  constructor(options: StreamBudgetOptions) {
    this.maxTranscodes = Math.max(0, Math.floor(options.maxTranscodes));
    this.now = options.now ?? Date.now;
  }

  /**
   * A tile moves from stream `from` to `to` of the same camera (budget demotion or promotion).
   * It keeps its picture until the new stream plays (make-before-break), so for that moment both
   * run: `to` is admitted as if `from` were already given back. The credit ends when `from` is
   * released or after SWAP_CREDIT_MS.
   */
  allowSwap(from: string, to: string): void {
    this.swaps.set(to, { from, until: this.now() + SWAP_CREDIT_MS });
  }

  /** What the camera stream `key` costs and who pays (undefined: nobody described it). */
  entryOf(key: string): BudgetEntry | undefined {
    const direct = directText(key);
    return direct ? this.entries.get(direct) : undefined;
  }

  /** Whether the camera stream `key` (or the one a re-encode reads) is being pulled and paid for. */
  isHeld(key: string): boolean {
    const direct = directText(key);
    return direct !== undefined && this.held.has(direct);
  }

  /** Says what the camera stream `key` costs and which device pays; call before the hub pulls it. */
  describe(key: string, entry: BudgetEntry): void {
    const direct = directText(key);
    if (direct) this.entries.set(direct, { ...entry, kbps: Math.max(0, Math.round(entry.kbps)) });
  }

  /** The device's limits changed (edited): later admissions use them; running streams are kept. */
  setLimits(group: string, limits: BudgetLimits): void {
    for (const [k, e] of this.entries) if (e.group === group) this.entries.set(k, { ...e, limits });
  }

  setMaxTranscodes(n: number): void {
    this.maxTranscodes = Math.max(0, Math.floor(n));
  }

  /** Whether `key` could start now, without taking anything. */
  check(key: string): BudgetVerdict {
    const parsed = parseSourceKey(key);
    if (!parsed) return { ok: true };
    if (parsed.variant === 'x264') {
      if (!this.transcodes.has(key) && this.transcodes.size >= this.maxTranscodes) {
        return { ok: false, limit: 'transcodes', max: this.maxTranscodes, used: this.transcodes.size };
      }
      return this.checkDirect(formatSourceKey(directKeyOf(parsed)));
    }
    return this.checkDirect(key);
  }

  /** Takes what `key` costs when it fits; a key already held is free. */
  acquire(key: string): BudgetVerdict {
    const verdict = this.check(key);
    if (!verdict.ok) return verdict;
    const parsed = parseSourceKey(key);
    if (!parsed) return verdict;
    if (parsed.variant === 'x264') {
      this.transcodes.add(key);
      return verdict;
    }
    const entry = this.entries.get(key);
    if (entry && !this.held.has(key)) this.held.set(key, { group: entry.group, kbps: entry.kbps });
    return verdict;
  }

  /** Gives back what `key` held; returns the group that has room again (undefined: none or a transcode). */
  release(key: string): { group?: string; transcode: boolean } {
    if (this.transcodes.delete(key)) return { transcode: true };
    const h = this.held.get(key);
    if (!h) return { transcode: false };
    this.held.delete(key);
    for (const [to, swap] of this.swaps) if (swap.from === key) this.swaps.delete(to);
    return { group: h.group, transcode: false };
  }

  /** The group that pays for `key` (for a re-encode: its camera stream's), if described. */
  groupOf(key: string): string | undefined {
    const direct = directText(key);
    return direct ? this.entries.get(direct)?.group : undefined;
  }

  /** Streams and kbit/s in use per group, and re-encodes running. */
  usage(): { groups: Record<string, { streams: number; kbps: number }>; transcodes: number; maxTranscodes: number } {
    const groups: Record<string, { streams: number; kbps: number }> = {};
    for (const h of this.held.values()) {
      const g = (groups[h.group] ??= { streams: 0, kbps: 0 });
      g.streams++;
      g.kbps += h.kbps;
    }
    return { groups, transcodes: this.transcodes.size, maxTranscodes: this.maxTranscodes };
  }

  private checkDirect(key: string): BudgetVerdict {
    if (this.held.has(key)) return { ok: true };
    const entry = this.entries.get(key);
    if (!entry) return { ok: true };
    const { maxStreams, maxBitrateKbps } = entry.limits;
    const replaced = this.replacedBy(key);
    let streams = 0;
    let kbps = 0;
    for (const [k, h] of this.held) {
      if (h.group !== entry.group || k === replaced) continue;
      streams++;
      kbps += h.kbps;
    }
    const who = { group: entry.group, label: entry.label };
    if (maxStreams !== undefined && streams + 1 > maxStreams) return { ok: false, limit: 'streams', max: maxStreams, used: streams, ...who };
    if (maxBitrateKbps !== undefined && kbps + entry.kbps > maxBitrateKbps) return { ok: false, limit: 'bitrate', max: maxBitrateKbps, used: kbps, ...who };
    return { ok: true };
  }

  /** The held stream `key` replaces under a live swap credit, if any. */
  private replacedBy(key: string): string | undefined {
    const swap = this.swaps.get(key);
    if (!swap) return undefined;
    if (swap.until < this.now() || !this.held.has(swap.from)) {
      this.swaps.delete(key);
      return undefined;
    }
    return swap.from;
  }
}

function directText(key: string): string | undefined {
  const parsed = parseSourceKey(key);
  return parsed ? formatSourceKey(directKeyOf(parsed)) : undefined;
}

/** The refusal as stream status params: the tile's sentence names the limit, the number and the device. */
export function refusalParams(v: Extract<BudgetVerdict, { ok: false }>): Record<string, string | number> {
  const params: Record<string, string | number> = { limit: v.limit, max: v.max, used: v.used };
  if (v.limit === 'bitrate') params.maxMbps = Math.round(v.max / 100) / 10;
  if (v.label !== undefined) params.device = v.label;
  return params;
}
