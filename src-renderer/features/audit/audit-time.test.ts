import { describe, expect, it } from 'vitest';
import { fromLocalInput, toLocalInput } from './audit-time.js';

describe('audit filter times', () => {
  it('round-trips a local input value through ISO 8601', () => {
    const iso = fromLocalInput('2026-12-03T09:30');
    expect(iso).toMatch(/^2026-12-0[23]T\d\d:30:00\.000Z$/);
    expect(toLocalInput(iso)).toBe('2026-12-03T09:30');
  });
  it('treats empty and malformed values as no bound', () => {
    expect(fromLocalInput('')).toBeUndefined();
    expect(fromLocalInput('yesterday')).toBeUndefined();
    expect(toLocalInput(undefined)).toBe('');
    expect(toLocalInput('not a date')).toBe('');
  });
});
