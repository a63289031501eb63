// Byte-level mutations for the fuzzer. Each takes an input and returns a new one; they are
// stacked 1-8 deep per generated input. Binary parsers mostly fall to bit flips, interesting
// integers and length-field arithmetic; text parsers to dictionary tokens, number swaps and
// line edits (all local, so long binary inputs stay cheap); both to splices between corpus entries and truncation.
import type { Prng } from './prng.js';

export interface MutationContext {
  rng: Prng;
  /** The other corpus entries, for splicing. */
  corpus: readonly Uint8Array[];
  /** Tokens of the target's format, as bytes. */
  dictionary: readonly Uint8Array[];
  maxLength: number;
}

type Mutation = (input: Uint8Array, ctx: MutationContext) => Uint8Array;

const INTERESTING_8 = [0, 1, 0x7f, 0x80, 0xff, 0x24, 0x0a, 0x0d, 0x20, 0x3a];
const INTERESTING_16 = [0, 1, 0x7fff, 0x8000, 0xffff, 0x100, 0x3ff, 0x400, 1400, 1500];
const INTERESTING_32 = [0, 1, 0x7fff_ffff, 0x8000_0000, 0xffff_ffff, 0x10000, 0xffff];
const NUMBER_TEXT = ['0', '-1', '1', '65535', '65536', '2147483648', '4294967296', '99999999999999999999', '1e309', 'NaN', '0x10', '-0', '3.5', ''];

const enc = new TextEncoder();

function concat(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function randomBytes(ctx: MutationContext, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = ctx.rng.below(256);
  return out;
}

const flipBit: Mutation = (input, { rng }) => {
  if (input.length === 0) return input;
  const out = input.slice();
  const i = rng.below(out.length);
  out[i] ^= 1 << rng.below(8);
  return out;
};

const setByte: Mutation = (input, { rng }) => {
  if (input.length === 0) return input;
  const out = input.slice();
  out[rng.below(out.length)] = rng.chance(0.5) ? rng.pick(INTERESTING_8) : rng.below(256);
  return out;
};

/** Writes an interesting 16- or 32-bit value, big- or little-endian, at a random offset. */
const interestingWord: Mutation = (input, { rng }) => {
  const wide = rng.chance(0.5);
  const size = wide ? 4 : 2;
  if (input.length < size) return input;
  const out = input.slice();
  const view = new DataView(out.buffer);
  const at = rng.below(out.length - size + 1);
  const little = rng.chance(0.3);
  if (wide) view.setUint32(at, rng.pick(INTERESTING_32), little);
  else view.setUint16(at, rng.pick(INTERESTING_16), little);
  return out;
};

/** Adds or subtracts a small amount to a byte or big-endian word: nudges length fields. */
const arithmetic: Mutation = (input, { rng }) => {
  const size = rng.pick([1, 2, 4]);
  if (input.length < size) return input;
  const out = input.slice();
  const view = new DataView(out.buffer);
  const at = rng.below(out.length - size + 1);
  const delta = rng.between(1, 35) * (rng.chance(0.5) ? 1 : -1);
  if (size === 1) out[at] = (out[at] + delta) & 0xff;
  else if (size === 2) view.setUint16(at, (view.getUint16(at) + delta) & 0xffff);
  else view.setUint32(at, (view.getUint32(at) + delta) >>> 0);
  return out;
};

const insertBytes: Mutation = (input, ctx) => {
  const { rng } = ctx;
  const at = rng.below(input.length + 1);
  const n = rng.between(1, 32);
  const bytes = rng.chance(0.5) ? new Uint8Array(n).fill(rng.pick(INTERESTING_8)) : randomBytes(ctx, n);
  return concat(input.subarray(0, at), bytes, input.subarray(at));
};

const deleteRange: Mutation = (input, { rng }) => {
  if (input.length < 2) return input;
  const at = rng.below(input.length);
  const n = rng.between(1, Math.min(64, input.length - at));
  return concat(input.subarray(0, at), input.subarray(at + n));
};

/** Copies a chunk of the input somewhere else in it (repeated headers, repeated packets). */
const duplicateRange: Mutation = (input, { rng }) => {
  if (input.length === 0) return input;
  const from = rng.below(input.length);
  const n = rng.between(1, Math.min(256, input.length - from));
  const at = rng.below(input.length + 1);
  const chunk = input.subarray(from, from + n);
  const times = rng.chance(0.2) ? rng.between(2, 16) : 1;
  const copies = Array.from({ length: times }, () => chunk);
  return concat(input.subarray(0, at), ...copies, input.subarray(at));
};

const truncate: Mutation = (input, { rng }) => (input.length === 0 ? input : input.slice(0, rng.below(input.length)));

/** Head of this input, tail of another corpus entry. */
const splice: Mutation = (input, { rng, corpus }) => {
  if (corpus.length === 0) return input;
  const other = rng.pick(corpus);
  return concat(input.subarray(0, rng.below(input.length + 1)), other.subarray(rng.below(other.length + 1)));
};

const insertToken: Mutation = (input, { rng, dictionary }) => {
  if (dictionary.length === 0) return input;
  const token = rng.pick(dictionary);
  const at = rng.below(input.length + 1);
  // Half the time the token replaces as many bytes as it is long (overwrite), else it is inserted.
  const skip = rng.chance(0.5) ? Math.min(token.length, input.length - at) : 0;
  return concat(input.subarray(0, at), token, input.subarray(at + skip));
};

const isDigit = (b: number): boolean => b >= 0x30 && b <= 0x39;

/** Replaces a run of ASCII digits near a random place with a boundary number (lengths, ports, counts in text). */
const swapNumber: Mutation = (input, { rng }) => {
  if (input.length === 0) return input;
  let at = rng.below(input.length);
  const limit = Math.min(input.length, at + 512);
  while (at < limit && !isDigit(input[at])) at++;
  if (at >= limit) return input;
  let end = at;
  while (end < input.length && isDigit(input[end])) end++;
  return concat(input.subarray(0, at), enc.encode(rng.pick(NUMBER_TEXT)), input.subarray(end));
};

/** The line (up to and including its '\n') around a random place, looking at most 1 KB each way. */
function lineAround(input: Uint8Array, rng: Prng): [number, number] {
  const at = rng.below(input.length);
  let start = at;
  while (start > 0 && at - start < 1024 && input[start - 1] !== 0x0a) start--;
  let end = at;
  while (end < input.length && end - at < 1024 && input[end] !== 0x0a) end++;
  return [start, Math.min(input.length, end + 1)];
}

/** Deletes a line or copies it to the start of another (headers, SDP attributes, playlist entries). */
const editLines: Mutation = (input, { rng }) => {
  if (input.length === 0) return input;
  const [start, end] = lineAround(input, rng);
  if (rng.chance(0.5)) return concat(input.subarray(0, start), input.subarray(end));
  const [to] = lineAround(input, rng);
  return concat(input.subarray(0, to), input.subarray(start, end), input.subarray(to));
};

const MUTATIONS: ReadonlyArray<readonly [Mutation, number]> = [
  [flipBit, 3],
  [setByte, 3],
  [interestingWord, 2],
  [arithmetic, 3],
  [insertBytes, 2],
  [deleteRange, 2],
  [duplicateRange, 2],
  [truncate, 1],
  [splice, 2],
  [insertToken, 3],
  [swapNumber, 2],
  [editLines, 2],
];
const TOTAL_WEIGHT = MUTATIONS.reduce((s, [, w]) => s + w, 0);

function pickMutation(rng: Prng): Mutation {
  let r = rng.below(TOTAL_WEIGHT);
  for (const [m, w] of MUTATIONS) {
    if (r < w) return m;
    r -= w;
  }
  return MUTATIONS[0][0];
}

/** One generated input: 1, 2, 4 or 8 stacked mutations of `input`, cut to maxLength. */
export function mutate(input: Uint8Array, ctx: MutationContext): Uint8Array {
  const depth = 1 << ctx.rng.below(4);
  let out = input;
  for (let i = 0; i < depth; i++) {
    out = pickMutation(ctx.rng)(out, ctx);
    if (out.length > ctx.maxLength) out = out.slice(0, ctx.maxLength);
  }
  return out;
}
