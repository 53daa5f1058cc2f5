// The filters of the 红黄绿 list and the warning centre ↔ their page URLs, with the API's own
// parameter names, so that a reload or a shared link shows the same list.
import type { LocationQuery } from 'vue-router'
import { LEVELS, type Level } from '@/api/projects'
import { COLOURS, type Colour } from '@/api/statuses'
import { WARNING_COLOURS, WARNING_STATES, type WarningState } from '@/api/warnings'
import { METRICS, type Metric } from '@/api/status-rules'
import { all, first, positiveInt } from './query'

export const STATUS_PAGE_SIZES = [20, 50, 100] as const

const oneOf = <T extends string>(values: readonly T[], text: string): T | '' => ((values as readonly string[]).includes(text) ? (text as T) : '')

function pageSize(text: string, fallback: number): number {
  const n = positiveInt(text)
  return n !== null && (STATUS_PAGE_SIZES as readonly number[]).includes(n) ? n : fallback
}

export interface StatusFilters {
  /** YYYY-MM; '' = the month being reported now. */
  period: string
  colour: Colour[]
  level: Level | ''
  unit_id: number | null
  q: string
  page: number
  page_size: number
}

export function statusFiltersFromQuery(query: LocationQuery): StatusFilters {
  const period = first(query.period)
  return {
    period: /^\d{4}-(0[1-9]|1[0-2])$/.test(period) ? period : '',
    colour: COLOURS.filter((c) => all(query.colour).includes(c)),
    level: oneOf(LEVELS, first(query.level)),
    unit_id: positiveInt(first(query.unit_id)),
    q: first(query.q).trim(),
    page: positiveInt(first(query.page)) ?? 1,
    page_size: pageSize(first(query.page_size), 20),
  }
}

/** The URL query (and the API's): defaults left out. */
export function statusFiltersToQuery(f: StatusFilters): Record<string, string> {
  const q: Record<string, string> = {}
  if (f.period) q.period = f.period
  if (f.colour.length) q.colour = f.colour.join(',')
  if (f.level) q.level = f.level
  if (f.unit_id) q.unit_id = String(f.unit_id)
  if (f.q) q.q = f.q
  if (f.page > 1) q.page = String(f.page)
  if (f.page_size !== 20) q.page_size = String(f.page_size)
  return q
}

export interface WarningFilters {
  state: WarningState
  colour: (typeof WARNING_COLOURS)[number][]
  metric: Metric | ''
  unit_id: number | null
  q: string
  page: number
  page_size: number
}

export function warningFiltersFromQuery(query: LocationQuery): WarningFilters {
  return {
    state: oneOf(WARNING_STATES, first(query.state)) || 'open',
    colour: WARNING_COLOURS.filter((c) => all(query.colour).includes(c)),
    metric: oneOf(METRICS, first(query.metric)),
    unit_id: positiveInt(first(query.unit_id)),
    q: first(query.q).trim(),
    page: positiveInt(first(query.page)) ?? 1,
    page_size: pageSize(first(query.page_size), 20),
  }
}

export function warningFiltersToQuery(f: WarningFilters): Record<string, string> {
  const q: Record<string, string> = {}
  if (f.state !== 'open') q.state = f.state
  if (f.colour.length) q.colour = f.colour.join(',')
  if (f.metric) q.metric = f.metric
  if (f.unit_id) q.unit_id = String(f.unit_id)
  if (f.q) q.q = f.q
  if (f.page > 1) q.page = String(f.page)
  if (f.page_size !== 20) q.page_size = String(f.page_size)
  return q
}
