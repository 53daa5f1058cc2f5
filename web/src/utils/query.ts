// Reading list filters from a page's URL query: what every list page's filter module shares.
import type { LocationQuery } from 'vue-router'

export type QueryValue = LocationQuery[string] | undefined

/** The first value of a parameter ("" when absent). */
export const first = (v: QueryValue): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')) as string

/** A list as the URL holds it: comma-joined (colour=yellow,red), or the key repeated. */
export const all = (v: QueryValue): string[] => (Array.isArray(v) ? v : v ? [v] : []).flatMap((x) => (x ? x.split(',') : []))

/** A whole number from 1 to `max` written in digits only, else null. */
export function positiveInt(text: string, max = Number.MAX_SAFE_INTEGER): number | null {
  if (!/^\d+$/.test(text)) return null
  const n = Number(text)
  return n >= 1 && n <= max ? n : null
}
