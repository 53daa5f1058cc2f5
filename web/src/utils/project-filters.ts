// The project list's filters ↔ its URL query. The URL query uses the API's own parameter
// names and units (总投资 in 分), so the page URL, a saved filter (我的筛选) and the export
// link are all the same string, and reloading or sharing a link shows the same list.
import { LEVELS, STAGES, type Level, type Stage } from '@/api/projects'

export const PROJECT_PAGE_SIZES = [20, 50, 100] as const
export const DEFAULT_PROJECT_PAGE_SIZE = 20

/** Columns the server sorts by; "-" in front for descending. */
export const PROJECT_SORT_KEYS = [
  'name',
  'code',
  'total_investment',
  'level',
  'star',
  'stage',
  'planned_start',
  'planned_completion',
  'updated_at',
] as const

export interface ProjectFilters {
  q: string
  unit_id: number[]
  level: Level[]
  stage: Stage[]
  category_id: number[]
  industry_id: number[]
  nature_id: number[]
  tag_id: number[]
  /** 攻坚星级 ≥, 1–5; null = any. */
  star_min: number | null
  /** 入库: true/false; null = any. */
  registered: boolean | null
  /** 总投资 range in 分. */
  total_min: number | null
  total_max: number | null
  /** 计划开工 range, YYYY-MM. */
  planned_start_from: string
  planned_start_to: string
  /** 我分包的项目 (leaders). */
  mine: boolean
  /** e.g. "-total_investment"; "" = the server's order (level, then id). */
  sort: string
  page: number
  page_size: number
}

export type RawQuery = Record<string, string | null | undefined | (string | null)[]>

export function emptyProjectFilters(): ProjectFilters {
  return {
    q: '',
    unit_id: [],
    level: [],
    stage: [],
    category_id: [],
    industry_id: [],
    nature_id: [],
    tag_id: [],
    star_min: null,
    registered: null,
    total_min: null,
    total_max: null,
    planned_start_from: '',
    planned_start_to: '',
    mine: false,
    sort: '',
    page: 1,
    page_size: DEFAULT_PROJECT_PAGE_SIZE,
  }
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

/** All values of a parameter, repeated or comma-separated, trimmed, empty ones dropped. */
function list(value: RawQuery[string]): string[] {
  const parts = Array.isArray(value) ? value : [value]
  return parts
    .flatMap((v) => (typeof v === 'string' ? v.split(',') : []))
    .map((v) => v.trim())
    .filter((v) => v !== '')
}

function first(value: RawQuery[string]): string {
  return list(value)[0] ?? ''
}

function ids(value: RawQuery[string]): number[] {
  const out: number[] = []
  for (const v of list(value)) {
    if (/^\d+$/.test(v) && Number(v) > 0 && !out.includes(Number(v))) out.push(Number(v))
  }
  return out
}

function oneOf<T extends string>(value: RawQuery[string], allowed: readonly T[]): T[] {
  const out: T[] = []
  for (const v of list(value)) if ((allowed as readonly string[]).includes(v) && !out.includes(v as T)) out.push(v as T)
  return out
}

function nonNegative(value: RawQuery[string]): number | null {
  const v = first(value)
  if (!/^\d+$/.test(v)) return null
  const n = Number(v)
  return Number.isSafeInteger(n) ? n : null
}

/** Reads the filters from a URL query; anything malformed is dropped, not guessed at. */
export function filtersFromQuery(query: RawQuery): ProjectFilters {
  const f = emptyProjectFilters()
  // A search text may itself hold commas: it is taken whole, never split.
  const q = Array.isArray(query.q) ? query.q[0] : query.q
  f.q = typeof q === 'string' ? q.trim() : ''
  f.unit_id = ids(query.unit_id)
  f.level = oneOf(query.level, LEVELS)
  f.stage = oneOf(query.stage, STAGES)
  f.category_id = ids(query.category_id)
  f.industry_id = ids(query.industry_id)
  f.nature_id = ids(query.nature_id)
  f.tag_id = ids(query.tag_id)
  const star = Number(first(query.star_min))
  f.star_min = Number.isInteger(star) && star >= 1 && star <= 5 ? star : null
  const registered = first(query.registered)
  f.registered = registered === 'true' || registered === '1' ? true : registered === 'false' || registered === '0' ? false : null
  f.total_min = nonNegative(query.total_min)
  f.total_max = nonNegative(query.total_max)
  const from = first(query.planned_start_from)
  const to = first(query.planned_start_to)
  f.planned_start_from = MONTH.test(from) ? from : ''
  f.planned_start_to = MONTH.test(to) ? to : ''
  const mine = first(query.mine)
  f.mine = mine === '1' || mine === 'true'
  const sort = first(query.sort)
  f.sort = (PROJECT_SORT_KEYS as readonly string[]).includes(sort.replace(/^-/, '')) ? sort : ''
  const page = Number(first(query.page))
  f.page = Number.isSafeInteger(page) && page >= 1 ? page : 1
  const size = Number(first(query.page_size))
  f.page_size = (PROJECT_PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PROJECT_PAGE_SIZE
  return f
}

/**
 * The URL (and API) query of the filters, in a fixed key order, defaults left out; multiple
 * values are joined by commas (unit_id=3,5).
 */
export function filtersToQuery(f: ProjectFilters): Record<string, string> {
  const q: Record<string, string> = {}
  const join = (key: string, values: readonly (string | number)[]) => {
    if (values.length) q[key] = values.join(',')
  }
  if (f.q.trim()) q.q = f.q.trim()
  join('unit_id', f.unit_id)
  join('level', f.level)
  join('stage', f.stage)
  join('category_id', f.category_id)
  join('industry_id', f.industry_id)
  join('nature_id', f.nature_id)
  join('tag_id', f.tag_id)
  if (f.star_min !== null) q.star_min = String(f.star_min)
  if (f.registered !== null) q.registered = String(f.registered)
  if (f.total_min !== null) q.total_min = String(f.total_min)
  if (f.total_max !== null) q.total_max = String(f.total_max)
  if (f.planned_start_from) q.planned_start_from = f.planned_start_from
  if (f.planned_start_to) q.planned_start_to = f.planned_start_to
  if (f.mine) q.mine = '1'
  if (f.sort) q.sort = f.sort
  if (f.page > 1) q.page = String(f.page)
  if (f.page_size !== DEFAULT_PROJECT_PAGE_SIZE) q.page_size = String(f.page_size)
  return q
}

/** The filters as a query string ("q=%E6%B1%A1%E6%B0%B4&level=city"), without paging. */
export function filtersToQueryString(f: ProjectFilters): string {
  const { page: _page, page_size: _size, ...query } = filtersToQuery(f)
  return new URLSearchParams(query).toString()
}

/** Reads a query string (a saved filter's) back into filters. */
export function filtersFromQueryString(text: string): ProjectFilters {
  const params = new URLSearchParams(text.replace(/^\?/, ''))
  const query: RawQuery = {}
  for (const key of new Set(params.keys())) query[key] = params.getAll(key)
  return filtersFromQuery(query)
}

/** How many of the filters under "更多筛选" are set (shown as a badge when it is folded). */
export function advancedFilterCount(f: ProjectFilters): number {
  return [
    f.category_id.length > 0,
    f.industry_id.length > 0,
    f.nature_id.length > 0,
    f.tag_id.length > 0,
    f.star_min !== null,
    f.registered !== null,
    f.total_min !== null || f.total_max !== null,
    f.planned_start_from !== '' || f.planned_start_to !== '',
  ].filter(Boolean).length
}
