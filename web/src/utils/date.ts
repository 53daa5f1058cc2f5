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

/** Today in the browser's time zone (UTC+8 for our users) as "YYYY-MM-DD". */
export function todayIso(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}
