// The filters of the 督办 list ↔ its page URL (the API's own parameter names), and how an
// item's deadline reads in the tables (逾期N天 / 剩N天).
import type { LocationQuery } from 'vue-router'
import { SOURCES, SUPERVISION_STATUSES, type Source, type SupervisionStatus, type SupervisionSummary } from '@/api/supervision'
import { all, first, positiveInt } from './query'

export const SUPERVISION_PAGE_SIZES = [20, 50, 100] as const
export const SUPERVISION_SORTS = ['deadline', '-deadline', 'number', '-number', '-created_at'] as const
export type SupervisionSort = (typeof SUPERVISION_SORTS)[number]

const oneOf = <T extends string>(values: readonly T[], text: string): T | '' => ((values as readonly string[]).includes(text) ? (text as T) : '')

export interface SupervisionFilters {
  status: SupervisionStatus[]
  overdue: boolean
  due_soon: boolean
  /** Staff: the items they issued. (A unit user always sees its own unit's.) */
  mine: boolean
  unit_id: number | null
  category: string
  source: Source | ''
  project_id: number | null
  q: string
  sort: SupervisionSort | ''
  page: number
  page_size: number
}

export function supervisionFiltersFromQuery(query: LocationQuery): SupervisionFilters {
  const size = positiveInt(first(query.page_size))
  return {
    status: SUPERVISION_STATUSES.filter((s) => all(query.status).includes(s)),
    overdue: first(query.overdue) === '1',
    due_soon: first(query.due_soon) === '1',
    mine: first(query.mine) === '1',
    unit_id: positiveInt(first(query.unit_id)),
    category: first(query.category).trim(),
    source: oneOf(SOURCES, first(query.source)),
    project_id: positiveInt(first(query.project_id)),
    q: first(query.q).trim(),
    sort: oneOf(SUPERVISION_SORTS, first(query.sort)),
    page: positiveInt(first(query.page)) ?? 1,
    page_size: size !== null && (SUPERVISION_PAGE_SIZES as readonly number[]).includes(size) ? size : 20,
  }
}

/** The URL query: defaults left out, statuses comma-joined. */
export function supervisionFiltersToQuery(f: SupervisionFilters): Record<string, string> {
  const q: Record<string, string> = {}
  if (f.status.length) q.status = f.status.join(',')
  if (f.overdue) q.overdue = '1'
  if (f.due_soon) q.due_soon = '1'
  if (f.mine) q.mine = '1'
  if (f.unit_id) q.unit_id = String(f.unit_id)
  if (f.category) q.category = f.category
  if (f.source) q.source = f.source
  if (f.project_id) q.project_id = String(f.project_id)
  if (f.q) q.q = f.q
  if (f.sort) q.sort = f.sort
  if (f.page > 1) q.page = String(f.page)
  if (f.page_size !== 20) q.page_size = String(f.page_size)
  return q
}

/** The API's query for the filters: statuses repeated (status=a&status=b), not comma-joined. */
export function supervisionApiQuery(f: SupervisionFilters): Record<string, string | number | string[]> {
  const { status, ...rest } = supervisionFiltersToQuery({ ...f, page: 1, page_size: 20 })
  void status
  return { ...rest, ...(f.status.length ? { status: [...f.status] } : {}) }
}

export type DeadlineTone = 'danger' | 'warning' | 'muted' | 'success'

/** What a table says under the deadline, as an i18n key and its count. */
export interface DeadlineNote {
  key: 'overdueDays' | 'dueToday' | 'daysLeft' | 'closedOnTime' | 'closedLate'
  n: number
  tone: DeadlineTone
}

export function deadlineNote(item: Pick<SupervisionSummary, 'status' | 'overdue' | 'overdue_days' | 'days_left' | 'due_soon' | 'closed_on_time'>): DeadlineNote | null {
  if (item.status === 'cancelled') return null
  if (item.status === 'done') {
    if (item.closed_on_time === null || item.closed_on_time === undefined) return null
    return item.closed_on_time ? { key: 'closedOnTime', n: 0, tone: 'success' } : { key: 'closedLate', n: 0, tone: 'muted' }
  }
  if (item.overdue) return { key: 'overdueDays', n: Math.max(1, item.overdue_days), tone: 'danger' }
  if (item.days_left === null || item.days_left === undefined) return null
  if (item.days_left <= 0) return { key: 'dueToday', n: 0, tone: 'warning' }
  return { key: 'daysLeft', n: item.days_left, tone: item.due_soon ? 'warning' : 'muted' }
}

/** Element Plus tag type of a status. */
export const STATUS_TAG: Record<SupervisionStatus, 'primary' | 'success' | 'warning' | 'danger' | 'info'> = {
  pending_receipt: 'warning',
  in_progress: 'primary',
  awaiting_verification: 'warning',
  returned: 'danger',
  done: 'success',
  cancelled: 'info',
}

export const PRIORITY_TAG = { normal: 'info', urgent: 'warning', critical: 'danger' } as const

/** "2.5 MB", "830 KB". */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`
  return `${bytes} B`
}
