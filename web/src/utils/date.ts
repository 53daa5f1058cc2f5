// Dates travel as ISO 8601 strings. Pages show them in the browser's time zone.

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

/** "2025-03-01T08:05:00Z" → "2025-03-01 16:05" (in UTC+8). Empty or invalid input → "". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/**
 * Today in China time (UTC+8, no daylight saving) as "YYYY-MM-DD": the day the server checks
 * dates against ("not in the future"), whatever the browser's own time zone.
 */
export function todayIso(now: Date = new Date()): string {
  const china = new Date(now.getTime() + 8 * 3_600_000)
  return `${china.getUTCFullYear()}-${pad(china.getUTCMonth() + 1)}-${pad(china.getUTCDate())}`
}

/**
 * A time the server gives with its offset ("2026-11-05T17:00:00+08:00") as it reads there:
 * "2026-11-05 17:00". For times set by rule in China time (report deadlines), which must not
 * move with the browser's time zone.
 */
export function formatWallTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso)
  return m ? `${m[1]} ${m[2]}` : iso
}
