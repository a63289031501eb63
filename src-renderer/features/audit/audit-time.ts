// <input type="datetime-local"> speaks local wall time without a zone; the contract speaks ISO 8601.

const pad = (n: number): string => String(n).padStart(2, '0');

/** ISO 8601 instant -> "YYYY-MM-DDTHH:MM" in this computer's time zone ('' when absent or bad). */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "YYYY-MM-DDTHH:MM" local -> ISO 8601 instant (undefined when empty or not a time). */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value); // a date-time without a zone is local time
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
