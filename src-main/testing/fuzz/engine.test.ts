import { describe, expect, it } from 'vitest';
import { fuzz, InputSource, inputAt, passed } from './engine.js';
import { mutate } from './mutate.js';
import { Prng } from './prng.js';
import { onlyErrors, type FuzzTarget } from './target.js';

class ToyError extends Error {}

/**
 * A type-length-value reader with one planted bug: a record of type 0x42 with length 0 reads
 * a field of a missing object. Everything else malformed throws ToyError, as documented.
 */
function readToy(input: Uint8Array, planted: boolean): number {
  const lookup: Record<number, { size: number } | undefined> = { 1: { size: 1 }, 2: { size: 2 } };
  let o = 0;
  let sum = 0;
  while (o < input.length) {
    if (o + 2 > input.length) throw new ToyError('truncated header');
    const type = input[o];
    const len = input[o + 1];
    if (o + 2 + len > input.length) throw new ToyError('value runs past the end');
    if (planted && type === 0x42 && len === 0) sum += (lookup[type] as { size: number }).size;
    sum += len;
    o += 2 + len;
  }
  return sum;
}

const validToy = new Uint8Array([1, 1, 7, 2, 2, 0, 9, 3, 0, 4, 3, 1, 2, 3]);

function toyTarget(planted: boolean): FuzzTarget {
  return { name: 'toy', about: 'toy TLV reader', expected: onlyErrors(ToyError), dictionary: ['\x42'], run: (input) => void readToy(input, planted) };
}

describe('fuzz engine', () => {
  it('finds the planted bug in the toy parser and keeps the input that shows it', async () => {
    const report = await fuzz(toyTarget(true), { runs: 5000, seed: 7, corpus: [validToy] });
    expect(report.crashes).toBeGreaterThan(0);
    const crash = report.findings.find((f) => f.kind === 'crash')!;
    expect(crash.message).toMatch(/^TypeError: /);
    expect(() => readToy(crash.input, true)).toThrow(TypeError);
    expect(passed(report)).toBe(false);
  });

  it('counts the documented error as no crash: the same inputs pass without the bug', async () => {
    const report = await fuzz(toyTarget(false), { runs: 5000, seed: 7, corpus: [validToy] });
    expect(report.runs).toBe(5000);
    expect(report.crashes).toBe(0);
    expect(passed(report)).toBe(true);
  });

  it('generates the same inputs for the same seed, and input i can be rebuilt alone', () => {
    const target = toyTarget(false);
    const a = new InputSource(target, [validToy], 42);
    const b = new InputSource(target, [validToy], 42);
    const c = new InputSource(target, [validToy], 43);
    const seqA = Array.from({ length: 300 }, () => Buffer.from(a.next()).toString('hex'));
    const seqB = Array.from({ length: 300 }, () => Buffer.from(b.next()).toString('hex'));
    const seqC = Array.from({ length: 300 }, () => Buffer.from(c.next()).toString('hex'));
    expect(seqA).toEqual(seqB);
    expect(seqA).not.toEqual(seqC);
    expect(Buffer.from(inputAt(target, [validToy], 42, 257)).toString('hex')).toBe(seqA[257]);
    expect(seqA[0]).toBe(Buffer.from(validToy).toString('hex')); // the corpus is replayed first
  });

  it('reports an async target that rejects with an unexpected error', async () => {
    const target: FuzzTarget = {
      name: 'async-toy',
      about: 'rejects on a zero first byte',
      run: async (input) => {
        await Promise.resolve();
        if (input[0] === 0) throw new RangeError('zero');
      },
    };
    const report = await fuzz(target, { runs: 2000, seed: 3, corpus: [new Uint8Array([5, 5, 5])] });
    expect(report.findings.some((f) => f.kind === 'crash' && f.message === 'RangeError: zero')).toBe(true);
  });

  it('reports an input slower than the limit, and memory that keeps growing', async () => {
    const slow: FuzzTarget = {
      name: 'slow-toy',
      about: 'busy for 30 ms on 0xAA',
      run: (input) => {
        const until = performance.now() + (input[0] === 0xaa ? 30 : 0);
        while (performance.now() < until);
      },
    };
    const s = await fuzz(slow, { runs: 5, seed: 1, corpus: [new Uint8Array([0xaa])], timeLimitMs: 20 });
    expect(s.findings.find((f) => f.kind === 'slow')?.index).toBe(0);

    const kept: Uint8Array[] = [];
    const leak: FuzzTarget = { name: 'leak-toy', about: 'keeps 64 KB per input', run: () => void kept.push(new Uint8Array(65536).fill(1)) };
    const m = await fuzz(leak, { runs: 200, seed: 1, corpus: [], heapLimitBytes: 1024 * 1024 });
    expect(m.findings.some((f) => f.kind === 'memory')).toBe(true);
    expect(passed(m)).toBe(false);
  });

  it('never generates an input longer than the target allows', () => {
    const rng = new Prng(9);
    const ctx = { rng, corpus: [new Uint8Array(90).fill(0x31)], dictionary: [new Uint8Array(40)], maxLength: 100 };
    for (let i = 0; i < 2000; i++) expect(mutate(ctx.corpus[0], ctx).length).toBeLessThanOrEqual(100);
  });
});
