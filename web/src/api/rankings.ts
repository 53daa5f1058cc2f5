// Unit rankings (排名通报): the monthly ranking, the quarter's scores with the inspection scores
// staff enter, the escalation records, and the ranking settings (admin). Money is integer 分;
// scores are hundredths of a point (0–10000 = 0–100 points).
import { listExportUrl, http } from './http'

/** 目标完成率, 投资增速, or the two weighted (综合). */
export type RankingMetric = 'completion' | 'growth' | 'composite'
export const RANKING_METRICS: readonly RankingMetric[] = ['completion', 'growth', 'composite']

/** The values of the settings the admin edits. */
export interface RankingSettingsValues {
  metric: RankingMetric
  /** Weights in percent, used by `composite` only; they add up to 100. */
  weight_completion: number
  weight_growth: number
  /** 约谈阶梯: step N is the action for the Nth consecutive last place (the last step repeats). */
  ladder: string[]
  /** Name of the award of the best `top_n` units of a quarter (豹子奖). */
  top_award: string
  top_n: number
  /** Name of the award of the worst `bottom_n` units (蜗牛奖). */
  bottom_award: string
  bottom_n: number
}

export interface RankingSettings extends RankingSettingsValues {
  /** The server's Chinese name of the metric. */
  metric_label: string
  version: number
  updated_at?: string | null
}

export interface RankingItem {
  rank: number
  unit_id: number
  unit_name: string
  /** 年度目标, 分 */
  target: number
  /** 年初至今完成, 分 */
  year_to_date: number
  last_year_to_date: number
  /** "45.50%"; null without a target. */
  completion: string | null
  /** 同比增速 "12.30%"; null without last year's amount. */
  growth: string | null
  /** The ranked value in hundredths of a percent; `value_text` is it as text. */
  value: number
  value_text: string
  previous_rank: number | null
  /** previous_rank − rank: positive = moved up; null in the year's first month. */
  movement: number | null
  /** 连续末位: consecutive months in last place, this month included (0 = not last). */
  last_place_run: number
  /** The ladder step reached, null when not last. */
  escalation: string | null
  /** 月度得分, hundredths of a point (0–10000). */
  score: number
}

export interface MonthRanking {
  period: string
  settings: RankingSettings
  items: RankingItem[]
}

export interface QuarterScoreItem {
  rank: number
  unit_id: number
  unit_name: string
  /** The three monthly scores, hundredths. */
  monthly: [number, number, number]
  /** 督查评分, hundredths; null when not entered. */
  inspection: number | null
  /** 季度得分, hundredths. */
  total: number
  award: string | null
}

export interface QuarterScores {
  year: number
  quarter: number
  items: QuarterScoreItem[]
}

/** One inspection score to set: `score` in points (0–100, two decimals at most); null removes it. */
export interface InspectionScoreWrite {
  unit_id: number
  score: number | null
}

export interface Escalation {
  period: string
  unit_id: number
  unit_name: string
  run_length: number
  action: string
  rank: number
  value_text: string
  metric: RankingMetric
  created_at: string
}

/** The ranking of a month ("2026-10"); without one, the month being reported now. */
export function getRankings(period?: string): Promise<MonthRanking> {
  return http.get<MonthRanking>('/api/v1/rankings', { query: { period } })
}

/** The month's ranking as .xlsx, for the same month as getRankings. */
export function rankingsExportUrl(period?: string): string {
  return listExportUrl('rankings', { period })
}

/** The quarter's scores as .xlsx. */
export function quarterScoresExportUrl(year: number, quarter: number): string {
  return listExportUrl('rankings/quarters', { year, quarter })
}

export function getQuarterScores(year: number, quarter: number): Promise<QuarterScores> {
  return http.get<QuarterScores>('/api/v1/rankings/quarters', { query: { year, quarter } })
}

/**
 * Sets (or with null, removes) inspection scores of a quarter; units not listed keep theirs.
 * Staff only. Field errors are named "items.<index>.score" / "items.<index>.unit_id".
 */
export function saveInspectionScores(year: number, quarter: number, items: InspectionScoreWrite[]): Promise<void> {
  return http.put<void>('/api/v1/rankings/inspection', { year, quarter, items })
}

export function getRankingSettings(): Promise<RankingSettings> {
  return http.get<RankingSettings>('/api/v1/ranking-settings')
}

/** Admin only; `version` as read (409 conflict when someone saved since). */
export function saveRankingSettings(values: RankingSettingsValues, version: number): Promise<RankingSettings> {
  return http.put<RankingSettings>('/api/v1/ranking-settings', { ...values, version })
}

/** The escalations recorded when months were locked, newest first. */
export function listEscalations(year: number): Promise<{ items: Escalation[]; total: number }> {
  return http.get<{ items: Escalation[]; total: number }>('/api/v1/escalations', { query: { year } })
}
