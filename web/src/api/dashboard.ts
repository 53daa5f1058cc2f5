// The dashboard (统计分析): a year's figures at the end of a month, and the projects behind
// each figure. Money is 分; rates are text computed exactly by the server ("41.0%").
import { http, type Query } from './http'
import type { Level, Stage } from './projects'
import type { Colour, ColourCounts } from './statuses'

/** The dashboard's filters, as the API and the page URL name them. */
export interface DashboardFilters {
  /** YYYY-MM; '' = the month being reported now. */
  period: string
  level: Level | ''
  star_min: number | null
  unit_id: number | null
}

/** A group of projects (全部, a level, a unit …); `key` is its figure for the drill-down. */
export interface DashboardGroup {
  key: string
  label: string
  projects: number
  total_investment: number
  annual_plan: number
  year_to_date: number
  annual_rate: string | null
}

export interface DashboardMonth {
  month: string
  /** Cumulative plan, 分 */
  plan: number
  /** Cumulative accepted amounts, 分; null for months not ended. */
  actual: number | null
}

export interface LaggingProject {
  id: number
  name: string
  lead_unit_name: string | null
  annual_plan: number
  year_to_date: number
  annual_rate: string | null
  colour: Colour
  reason: string | null
}

/** A count ratio: `counted` of `of`; figures `${key}.done` and `${key}.due`. */
export interface DashboardRate {
  key: string
  counted: number
  of: number
  rate: string | null
}

export interface Dashboard {
  year: number
  period: string
  /** 序时进度 text */
  schedule: string
  frozen: boolean
  totals: DashboardGroup
  by_level: DashboardGroup[]
  by_star: DashboardGroup[]
  by_category: DashboardGroup[]
  by_unit: DashboardGroup[]
  by_stage: DashboardGroup[]
  monthly: DashboardMonth[]
  colours: ColourCounts
  lagging: LaggingProject[]
  rates: {
    start: DashboardRate
    completion: DashboardRate
    stats: DashboardRate
    /** 应统尽统: started, ≥ 500 万元, not 入库 (figure "stats.gap") */
    stats_gap: number
    investment: string | null
    reserve_total: number
    construction_total: number
    /** 储备 ÷ 在建 total investment, "1.74"; null without construction. */
    reserve_ratio: string | null
    reserve_target: number
  }
}

export interface DashboardProject {
  id: number
  code: string | null
  name: string
  level: Level
  stage: Stage
  star: number
  lead_unit_name: string | null
  total_investment: number
  annual_plan: number
  year_to_date: number
  annual_rate: string | null
  colour: Colour
  registered: boolean
}

export interface DashboardProjects {
  figure: string
  period: string
  total: number
  total_investment: number
  annual_plan: number
  year_to_date: number
  page: number
  page_size: number
  items: DashboardProject[]
}

function filterQuery(f: DashboardFilters): Query {
  return { period: f.period, level: f.level, star_min: f.star_min, unit_id: f.unit_id }
}

export function getDashboard(filters: DashboardFilters): Promise<Dashboard> {
  return http.get<Dashboard>('/api/v1/dashboard', { query: filterQuery(filters) })
}

/** The projects behind a figure ("all", "level.province", "colour.red", "stats.gap" …). */
/** One page of the projects behind a figure; the totals are over all of them. */
export function listDashboardProjects(figure: string, filters: DashboardFilters, page = 1, pageSize = 50): Promise<DashboardProjects> {
  return http.get<DashboardProjects>('/api/v1/dashboard/projects', {
    query: { figure, ...filterQuery(filters), page, page_size: pageSize },
  })
}
