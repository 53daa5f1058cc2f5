// Red/yellow/green (红黄绿): every project's colour for a month with its reasons, worst first.
// Money is 分; rates come as text ("45.0%") computed exactly by the server.
import { listExportUrl, http, type ListResponse, type Query } from './http'
import type { Level, Stage } from './projects'

/** Worst last, as the server orders them. */
export const COLOURS = ['green', 'yellow', 'red'] as const
export type Colour = (typeof COLOURS)[number]

export type ColourCounts = Record<Colour, number>

/** One rule that did not come out green, in words ("年度完成率45.0%,低于序时进度…"). */
export interface StatusReason {
  rule_id: number
  rule_name: string
  metric: string
  metric_label: string
  colour: Colour
  reason: string
}

export interface StatusProject {
  id: number
  code: string | null
  name: string
  level: Level
  stage: Stage
  lead_unit_id: number | null
  lead_unit_name: string | null
}

export interface ProjectStatus {
  project: StatusProject
  colour: Colour
  /** 分 */
  annual_plan: number
  /** 年初至今, 分 */
  year_to_date: number
  /** 年度完成率 text; null without an annual plan. */
  annual_rate: string | null
  reasons: StatusReason[]
}

export interface StatusList extends ListResponse<ProjectStatus> {
  period: string
  granularity: string
  /** 序时进度 text ("50.0%") */
  schedule: string
  /** The month was locked: it reads as it did then (快照). */
  frozen: boolean
  /** By colour, over the filters but the colour one. */
  summary: ColourCounts
  page: number
  page_size: number
}

/** GET /api/v1/statuses: period, colour (repeatable), level, unit_id, q, page, page_size. */
export function listStatuses(query: Query): Promise<StatusList> {
  return http.get<StatusList>('/api/v1/statuses', { query })
}

/** The list with the same query, every project, as .xlsx (红黄绿状态表). */
export function statusesExportUrl(query: Query): string {
  return listExportUrl('statuses', query)
}
