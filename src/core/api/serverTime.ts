/**
 * The server's timestamps are UTC (sequentum-api.md §1: "ISO 8601, UTC, always strings"), but a
 * .NET server may leave the zone out ("2026-11-30T10:00:00", DateTimeKind.Unspecified). JavaScript
 * reads a date-time without a zone as *local* time, which would move every such timestamp by the
 * user's UTC offset (five hours in New York) — enough to adopt the wrong run or to call our own run
 * too old. So the wire layer normalises every server timestamp here, once, and the rest of the
 * extension can use Date.parse safely.
 */

/** A date-time without a zone designator: date, "T" or a space, hh:mm, optional seconds and fraction. */
const ZONELESS = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?$/;
/** A date-time with a zone (Z or ±hh:mm / ±hhmm): kept as the server sent it, fraction trimmed. */
const ZONED = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * The timestamp as an ISO string Date.parse reads correctly everywhere: a zone-less date-time gets
 * "Z" (it is UTC), fractions longer than milliseconds (.NET sends seven digits) are cut to three.
 * Anything else (a date alone, text that is not a date) is returned unchanged.
 */
export function normaliseServerTime(text: string): string {
  const trimmed = text.trim();
  const zoneless = ZONELESS.exec(trimmed);
  if (zoneless) return `${zoneless[1]}T${zoneless[2]}${millis(zoneless[3])}Z`;
  const zoned = ZONED.exec(trimmed);
  if (zoned) return `${zoned[1]}T${zoned[2]}${millis(zoned[3])}${zoned[4].toUpperCase()}`;
  return text;
}

/** Epoch ms of a server timestamp (zone-less = UTC), or undefined when absent or not a date. */
export function parseServerTime(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const ms = Date.parse(normaliseServerTime(text));
  return Number.isNaN(ms) ? undefined : ms;
}

function millis(fraction: string | undefined): string {
  return fraction ? fraction.slice(0, 4) : '';
}
