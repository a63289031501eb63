// What the operator chose to export, as the contract asks for it: the last seconds of the
// replay buffer, or a span (workstation time) downloaded from the camera's recorder. Custom
// spans are recorder downloads; the buffer holds only the last few minutes.
import type { MessageKey } from '../../i18n/translate.js';

export type SpanChoice = '30' | '120' | '300' | 'custom';
export type SpanSource = 'buffer' | 'recorder';

export interface SpanForm {
  source: SpanSource;
  choice: SpanChoice;
  /** datetime-local texts (local time, seconds optional), for 'custom'. */
  from: string;
  to: string;
}

export type ExportSpan = { lastSeconds: number } | { range: { from: number; to: number } } | { problem: MessageKey };

const MAX_SPAN_MS = 24 * 3600_000;

/** The contract's lastSeconds or range for a form, or why the form cannot be sent yet. */
export function spanOf(form: SpanForm, now: number): ExportSpan {
  if (form.choice !== 'custom') {
    const seconds = Number(form.choice);
    return form.source === 'buffer' ? { lastSeconds: seconds } : { range: { from: now - seconds * 1000, to: now } };
  }
  const from = parseLocal(form.from);
  const to = parseLocal(form.to);
  if (from === undefined || to === undefined) return { problem: 'export.span.incomplete' };
  if (to <= from || to - from > MAX_SPAN_MS) return { problem: 'export.span.order' };
  if (to > now + 1000) return { problem: 'export.span.future' };
  return { range: { from, to } };
}

/** `YYYY-MM-DDTHH:mm[:ss]` in local time, as <input type="datetime-local"> gives it. */
export function parseLocal(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0));
  const t = new Date(y, mo - 1, d, h, mi, s);
  // Rejects 31 February and the like, which Date would roll over.
  if (t.getMonth() !== mo - 1 || t.getDate() !== d || t.getHours() !== h) return undefined;
  return t.getTime();
}

const two = (n: number) => String(n).padStart(2, '0');

/** A time as datetime-local text, to the second (the custom span starts from a preset). */
export function localText(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** m:ss of a duration, for recorder time fetched of the span. */
export function minutesText(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${two(s % 60)}`;
}

/** YYYY-MM-DD HH:mm:ss in local time, as the history shows a recorder span. */
export function dateTimeText(ms: number): string {
  return localText(ms).replace('T', ' ');
}
