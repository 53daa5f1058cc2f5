// Helpers of the 排名通报 pages. Scores travel as hundredths of a point (9950 = 99.50 points);
// they are shown with two decimals, computed on integers.
import { todayIso } from './date'

/** 9950 → "99.50", -5 → "-0.05". */
export function formatHundredths(value: number): string {
  const v = Math.trunc(value)
  const abs = Math.abs(v)
  return `${v < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** A score as hundredths (or null) → the points an input shows: 8750 → 87.5. */
export function hundredthsToPoints(value: number | null): number | null {
  return value === null ? null : value / 100
}

/** Points typed in an input → hundredths, rounded to the nearest: 87.5 → 8750; empty → null. */
export function pointsToHundredths(points: number | null | undefined): number | null {
  return points === null || points === undefined || Number.isNaN(points) ? null : Math.round(points * 100)
}

/** The month being reported on `today` (China time): the month before, "YYYY-MM". */
export function reportingMonth(today: string = todayIso()): string {
  const [y, m] = today.split('-').map(Number) as [number, number]
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

/** "2026-08" → { year: 2026, quarter: 3 }. */
export function quarterOf(period: string): { year: number; quarter: number } {
  const [y, m] = period.split('-').map(Number) as [number, number]
  return { year: y, quarter: Math.floor((m - 1) / 3) + 1 }
}

/** The three month numbers of a quarter: 3 → [7, 8, 9]. */
export function quarterMonths(quarter: number): [number, number, number] {
  const first = (quarter - 1) * 3 + 1
  return [first, first + 1, first + 2]
}

export type MovementKind = 'up' | 'down' | 'same'

/** The rank change against last month as shown: ↑2, ↓1, or — (unchanged, or no last month). */
export function movementOf(movement: number | null): { kind: MovementKind; text: string } {
  if (movement === null || movement === 0) return { kind: 'same', text: '—' }
  return movement > 0 ? { kind: 'up', text: `↑${movement}` } : { kind: 'down', text: `↓${-movement}` }
}

/**
 * How loud an escalation is: the first step of the ladder (通报批评) is a warning, the later
 * ones (约谈) are red, the last one filled.
 */
export function escalationTone(run: number, ladderLength: number): { type: 'warning' | 'danger'; effect: 'light' | 'dark' } {
  if (run <= 1 && ladderLength > 1) return { type: 'warning', effect: 'light' }
  return { type: 'danger', effect: run >= ladderLength ? 'dark' : 'light' }
}

/** The server's messages for ladder steps ("ladder.2" → step index 2). */
export function ladderErrors(fields: Record<string, string>): Record<number, string> {
  const out: Record<number, string> = {}
  for (const [key, message] of Object.entries(fields)) {
    const m = /^ladder\.(\d+)$/.exec(key)
    if (m) out[Number(m[1])] = message
  }
  return out
}
