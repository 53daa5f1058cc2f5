// The red/yellow/green rule table (预警规则): everyone reads it, admins edit it. Thresholds
// travel in the user's units: points (−10), percent (90) or counts (3).
import { http, type ListResponse } from './http'
import type { Level } from './projects'

/** What a rule measures (src/domain/status_rules.h). */
export const METRICS = ['investment', 'start', 'stats', 'completion', 'report_missing', 'supervision_overdue'] as const
export type Metric = (typeof METRICS)[number]

export const COMPARATORS = ['points', 'ratio', 'count'] as const
export type Comparator = (typeof COMPARATORS)[number]

/** 投资进度 compares the rate with 序时进度 (points or ratio); every other metric counts. */
export function comparatorsFor(metric: Metric | string): readonly Comparator[] {
  return metric === 'investment' ? ['points', 'ratio'] : ['count']
}

export interface StatusRuleInput {
  name: string
  metric: Metric
  comparator: Comparator
  yellow: number
  red: number
  /** Periods in a row, 1–12. */
  consecutive: number
  enabled: boolean
  /** Empty = every level. */
  levels: Level[]
  /** Empty = every category (类别 dictionary ids). */
  category_ids: number[]
  /** 分; null = any annual plan. */
  min_annual_plan: number | null
}

export interface StatusRule extends StatusRuleInput {
  id: number
  metric_label: string
  version: number
  updated_at: string
}

export interface StatusRuleList extends ListResponse<StatusRule> {
  granularity: string
}

export function listStatusRules(): Promise<StatusRuleList> {
  return http.get<StatusRuleList>('/api/v1/status-rules')
}

export function createStatusRule(input: StatusRuleInput): Promise<StatusRule> {
  return http.post<StatusRule>('/api/v1/status-rules', input)
}

/** `version` is the one read; 409 when someone saved in between. */
export function updateStatusRule(id: number, input: StatusRuleInput & { version: number }): Promise<StatusRule> {
  return http.put<StatusRule>(`/api/v1/status-rules/${id}`, input)
}

export function deleteStatusRule(id: number): Promise<void> {
  return http.delete(`/api/v1/status-rules/${id}`)
}
