// Ledgers (台账报表): a month's key figures and the .xlsx ledgers of that month. A locked
// month's figures come from its snapshot; an open month's are live and may still change.
import { http, buildUrl } from './http'

export const LEDGER_KINDS = ['projects', 'areas', 'lagging', 'missing', 'overdue'] as const
export type LedgerKind = (typeof LEDGER_KINDS)[number]

/** How the projects ledger is grouped (按级别 / 按单位). */
export type LedgerGroup = 'level' | 'unit'

export interface LedgerSummary {
  projects: number
  /** Money in 分. */
  total_investment: number
  annual_plan: number
  year_to_date: number
  period_amount: number
  green: number
  yellow: number
  red: number
  /** Projects without a report for the month (未报送). */
  missing: number
  /** Overdue supervision items (逾期督办). */
  overdue_items: number
}

export interface LedgerKindInfo {
  kind: LedgerKind
  label: string
}

export interface LedgerOverview {
  period: string
  period_label: string
  locked: boolean
  /** "2026-11-03 10:15:00" when the figures come from the locked month's snapshot; null: live. */
  snapshot_taken_at: string | null
  summary: LedgerSummary
  kinds: LedgerKindInfo[]
}

/** GET /api/v1/ledgers; without `period`, the last ended month. */
export function getLedgers(period?: string): Promise<LedgerOverview> {
  return http.get<LedgerOverview>('/api/v1/ledgers', { query: { period } })
}

/** The .xlsx of one ledger; `group` applies to the projects ledger only. */
export function ledgerXlsxUrl(kind: LedgerKind, period: string, group?: LedgerGroup): string {
  return buildUrl(`/api/v1/ledgers/${kind}.xlsx`, { period, group: kind === 'projects' ? group : undefined })
}
