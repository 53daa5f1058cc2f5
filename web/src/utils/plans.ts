// Annual plan helpers shared by the plan pages.

/** The default monthly cumulative curve (按月平均): month m gets floor(amount × m / 12), as the server computes it. */
export function linearCurve(amount: number): number[] {
  const a = BigInt(Math.max(0, Math.trunc(amount)))
  return Array.from({ length: 12 }, (_, m) => Number((a * BigInt(m + 1)) / 12n))
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
