// Annual plan helpers shared by the plan pages.

/** The default monthly cumulative curve (按月平均): month m gets floor(amount × m / 12), as the server computes it. */
export function linearCurve(amount: number): number[] {
  const a = BigInt(Math.max(0, Math.trunc(amount)))
  return Array.from({ length: 12 }, (_, m) => Number((a * BigInt(m + 1)) / 12n))
}

/**
 * A shaped curve carried to a new annual amount: each month keeps its share of the year
 * (floor(c × amount / old end), in whole 分), December ends on the amount. A curve that ended
 * at 0 has no shape to keep and becomes linear.
 */
export function rescaleCurve(curve: readonly number[], amount: number): number[] {
  const end = BigInt(Math.trunc(curve[curve.length - 1] ?? 0))
  const a = BigInt(Math.max(0, Math.trunc(amount)))
  if (curve.length !== 12 || end <= 0n) return linearCurve(amount)
  return curve.map((c, m) => (m === 11 ? Number(a) : Number((BigInt(Math.trunc(c)) * a) / end)))
}

/**
 * Groups a batch save's field errors ("items.3.curve.5" → row 3, "curve.5") by row index;
 * errors that name no row (e.g. "reason") are returned under -1.
 */
export function rowErrors(fields: Record<string, string>): Map<number, Record<string, string>> {
  const out = new Map<number, Record<string, string>>()
  for (const [key, message] of Object.entries(fields)) {
    const m = /^items\.(\d+)\.(.+)$/.exec(key)
    const row = m ? Number(m[1]) : -1
    const field = m ? m[2]! : key
    const errors = out.get(row) ?? {}
    errors[field] = message
    out.set(row, errors)
  }
  return out
}
