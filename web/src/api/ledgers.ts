// Ledgers (台账报表): a month's (or, for the 周台账, a week's) key figures and its .xlsx
// ledgers. A locked period's figures come from its snapshot; an open one's are live.
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
  /** "2026-10", or "2026-W48" for a week's ledger (the projects reported weekly). */
  period: string
  period_label: string
  kind: 'month' | 'week'
  /** "2026年10月底", "2026年11月29日(第48周:11月23日—11月29日)". */
  as_of: string
  locked: boolean
  /** "2026-11-03 10:15:00" when the figures come from the locked month's snapshot; null: live. */
  snapshot_taken_at: string | null
  summary: LedgerSummary
  kinds: LedgerKindInfo[]
}

/** GET /api/v1/ledgers; `period` a month or a week; without it, the last ended month. */
export function getLedgers(period?: string): Promise<LedgerOverview> {
  return http.get<LedgerOverview>('/api/v1/ledgers', { query: { period } })
}

/** The .xlsx of one ledger; `group` applies to the projects ledger only. */
export function ledgerXlsxUrl(kind: LedgerKind, period: string, group?: LedgerGroup): string {
  return buildUrl(`/api/v1/ledgers/${kind}.xlsx`, { period, group: kind === 'projects' ? group : undefined })
}
