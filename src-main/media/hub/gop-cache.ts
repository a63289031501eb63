// The samples since the latest video keyframe, so a new consumer can start decoding at once
// instead of waiting up to a GOP (1-4 s on CCTV cameras). Bounded in bytes: a GOP larger
// than the bound is dropped whole and caching resumes at the next keyframe.
import type { MediaSample } from '../types.js';
import { sampleBytes } from './sample-size.js';

export class GopCache {
  private items: MediaSample[] = [];
  private size = 0;
  private overflows = 0;

  constructor(private readonly maxBytes: number) {}

  push(sample: MediaSample): void {
    if (sample.kind === 'video' && sample.keyframe) {
      this.items = [];
      this.size = 0;
    } else if (this.items.length === 0) {
      return; // nothing to decode from until a keyframe arrives
    }
    const n = sampleBytes(sample);
    if (this.size + n > this.maxBytes) {
      this.clear();
      this.overflows++;
      return;
    }
    this.items.push(sample);
    this.size += n;
  }

  /** Samples from the latest keyframe, oldest first (empty when none is cached). */
  samples(): readonly MediaSample[] {
    return this.items;
  }

  clear(): void {
    this.items = [];
    this.size = 0;
  }

  get bytes(): number {
    return this.size;
  }

  /** GOPs that did not fit the bound. */
  get overflowCount(): number {
    return this.overflows;
  }
}
