import { describe, expect, it } from 'vitest';
import { dateTimeText, localText, minutesText, parseLocal, spanOf, type SpanForm } from './export-span.js';

const now = new Date(2026, 11, 3, 14, 30, 0).getTime();
const form = (over: Partial<SpanForm>): SpanForm => ({ source: 'buffer', choice: '120', from: '', to: '', ...over });

describe('export span', () => {
  it('a preset is the buffer’s last seconds, or the same span asked of the recorder', () => {
    expect(spanOf(form({}), now)).toEqual({ lastSeconds: 120 });
    expect(spanOf(form({ source: 'recorder', choice: '300' }), now)).toEqual({ range: { from: now - 300_000, to: now } });
  });

  it('a custom span is read in local time, to the second', () => {
    expect(spanOf(form({ source: 'recorder', choice: 'custom', from: '2026-12-03T14:00:05', to: '2026-12-03T14:02' }), now)).toEqual({
      range: { from: new Date(2026, 11, 3, 14, 0, 5).getTime(), to: new Date(2026, 11, 3, 14, 2, 0).getTime() },
    });
  });

  it('says what is wrong with a custom span', () => {
    const custom = (from: string, to: string) => spanOf(form({ source: 'recorder', choice: 'custom', from, to }), now);
    expect(custom('', '2026-12-03T14:02')).toEqual({ problem: 'export.span.incomplete' });
    expect(custom('2026-02-31T10:00', '2026-12-03T14:02')).toEqual({ problem: 'export.span.incomplete' });
    expect(custom('2026-12-03T14:02', '2026-12-03T14:01')).toEqual({ problem: 'export.span.order' });
    expect(custom('2026-12-01T14:00', '2026-12-03T14:01')).toEqual({ problem: 'export.span.order' });
    expect(custom('2026-12-03T14:00', '2026-12-03T14:40')).toEqual({ problem: 'export.span.future' });
  });

  it('round-trips its own text and words durations', () => {
    expect(parseLocal(localText(now + 7000))).toBe(now + 7000);
    expect(minutesText(125_400)).toBe('2:05');
    expect(dateTimeText(now)).toBe('2026-12-03 14:30:00');
  });
});
