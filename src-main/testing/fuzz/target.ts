// What a fuzz target is: one parser the network feeds, the input bytes it takes, and which
// errors it documents. The promise checked for every input: nothing but those errors is
// thrown (a TypeError, RangeError or any other throw is a crash), each input is handled in
// under 100 ms, and the heap does not keep growing across the run.

export interface FuzzTarget {
  /** Short kebab-case name: the corpus folder and the --target value. */
  name: string;
  /** One line: what is fed in and what counts as failure. */
  about: string;
  /** True for the parser's documented error (e.g. its ParseError class); absent: nothing may be thrown. */
  expected?: (err: unknown) => boolean;
  /** Tokens of the input format that mutations insert (keywords, separators, field names). */
  dictionary?: readonly string[];
  /** Longest input generated, in bytes (default 4096). */
  maxLength?: number;
  /** Feeds one input to the parser. May return a promise for APIs that answer asynchronously. */
  run(input: Uint8Array): void | Promise<void>;
}

/** An `expected` that accepts instances of the given error classes only (exact class or subclass). */
export function onlyErrors(...classes: Array<abstract new (...args: never[]) => Error>): (err: unknown) => boolean {
  return (err) => classes.some((c) => err instanceof c);
}

export const text = (input: Uint8Array): string => Buffer.from(input.buffer, input.byteOffset, input.length).toString('utf8');
export const latin1 = (input: Uint8Array): string => Buffer.from(input.buffer, input.byteOffset, input.length).toString('latin1');

/** Thrown by a target when the parser returned something its contract rules out (never expected). */
export class BrokenPromise extends Error {
  override name = 'BrokenPromise';
}
