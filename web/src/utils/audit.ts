// How the 操作日志 page reads an entry: its action as i18n keys, and its changes as rows.
import { first, type QueryValue } from './query'

/** The i18n keys of an action: a verb and the resource it acted on ("修改" "项目"). */
export function actionKeys(action: string, resource: string): { verb: string; resource: string } {
  if (action === 'session.password.update') return { verb: 'changeOwnPassword', resource: 'session' }
  if (action.startsWith('session.')) return { verb: action.slice('session.'.length), resource: 'session' }
  const dot = action.lastIndexOf('.')
  return { verb: dot < 0 ? action : action.slice(dot + 1), resource }
}

export interface ChangeRow {
  field: string
  before: string
  after: string
}

function show(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v
  return JSON.stringify(v)
}

/** The changed fields, old beside new; a field only on one side (created, deleted) has the other empty. */
export function changeRows(before: Record<string, unknown> | null, after: Record<string, unknown> | null): ChangeRow[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])]
  return keys.map((field) => ({ field, before: show(before?.[field]), after: show(after?.[field]) }))
}

export interface AuditFilters {
  from: string
  to: string
  username: string
  action: string
  result: 'ok' | 'failed' | ''
  q: string
  page: number
  page_size: number
}

export const AUDIT_PAGE_SIZES = [50, 100, 200] as const
const DAY = /^\d{4}-\d{2}-\d{2}$/


export function auditFiltersFromQuery(query: Record<string, QueryValue>): AuditFilters {
  const page = Number(first(query.page))
  const size = Number(first(query.page_size))
  const result = first(query.result)
  return {
    from: DAY.test(first(query.from)) ? first(query.from) : '',
    to: DAY.test(first(query.to)) ? first(query.to) : '',
    username: first(query.username).trim().slice(0, 64),
    action: first(query.action).trim().slice(0, 100),
    result: result === 'ok' || result === 'failed' ? result : '',
    q: first(query.q).trim().slice(0, 200),
    page: Number.isSafeInteger(page) && page >= 1 ? page : 1,
    page_size: (AUDIT_PAGE_SIZES as readonly number[]).includes(size) ? size : 50,
  }
}

/** The URL query (and the API's), defaults left out, in a fixed order. */
export function auditFiltersToQuery(f: AuditFilters): Record<string, string> {
  const q: Record<string, string> = {}
  for (const key of ['from', 'to', 'username', 'action', 'result', 'q'] as const) if (f[key]) q[key] = f[key]
  if (f.page > 1) q.page = String(f.page)
  if (f.page_size !== 50) q.page_size = String(f.page_size)
  return q
}
