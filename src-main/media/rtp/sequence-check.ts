// Classifies each packet's 16-bit sequence number against the next one expected.

export type SequenceVerdict = { kind: 'next' } | { kind: 'gap'; lost: number } | { kind: 'late' } | { kind: 'first' };

export class SequenceCheck {
  private expected: number | undefined;

  check(seq: number): SequenceVerdict {
    const prev = this.expected;
    if (prev === undefined) {
      this.expected = (seq + 1) & 0xffff;
      return { kind: 'first' };
    }
    const diff = (seq - prev) & 0xffff;
    if (diff >= 0x8000) return { kind: 'late' }; // behind the expected number: duplicate or reordered
    this.expected = (seq + 1) & 0xffff;
    return diff === 0 ? { kind: 'next' } : { kind: 'gap', lost: diff };
  }

  reset(): void {
    this.expected = undefined;
  }
}
