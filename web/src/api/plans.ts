// Annual plans (年度计划) and unit targets (任务分解). Money is integer 分 throughout.
import { buildUrl, http, type Query } from './http'
import type { Level, Stage } from './projects'

export type PlanState = 'draft' | 'issued'

/** The values of a plan a user edits. */
export interface PlanValues {
  /** 年度计划投资, 分 */
  amount: number
  /** 12 cumulative amounts, month 1..12, the last equal to `amount`. */
  curve: number[]
  /** 形象进度目标 of quarters 1..4 */
  goals: string[]
  planned_start: string | null
  planned_completion: string | null
}

export interface Plan extends PlanValues {
  id: number
  year: number
  /** True when the curve is the default linear one (it then follows the amount). */
  curve_linear: boolean
  state: PlanState
  revision: number
  version: number
  updated_at: string
}

export interface PlanRevision extends PlanValues {
  revision: number
  curve_linear: boolean
  reason: string | null
  user_name: string | null
  created_at: string
}

export interface PlanDetail extends Plan {
  revisions: PlanRevision[]
}

export interface PlanProject {
  id: number
  code: string | null
  name: string
  level: Level
  lead_unit_id: number | null
  lead_unit_name: string | null
  /** 总投资, 分 */
  total_investment: number
  stage: Stage
}

export interface PlanRow {
  project: PlanProject
  plan: Plan | null
}

export interface PlanList {
  year: number
  items: PlanRow[]
  total: number
  amount_sum: number
}

/** One row of a batch save: `curve` null means linear; `version` when the plan exists. */
export interface PlanWrite {
  project_id: number
  amount: number
  curve: number[] | null
  goals: string[]
  planned_start: string | null
  planned_completion: string | null
  version?: number
}

export function listPlans(query: Query): Promise<PlanList> {
  return http.get<PlanList>('/api/v1/plans', { query })
}

/** 404 plan.not_found when the project has no plan for the year. */
export function getPlan(projectId: number, year: number): Promise<PlanDetail> {
  return http.get<PlanDetail>(`/api/v1/projects/${projectId}/plans/${year}`)
}

export function savePlan(
  projectId: number,
  year: number,
  input: Omit<PlanWrite, 'project_id'> & { reason?: string | null },
): Promise<PlanDetail> {
  return http.put<PlanDetail>(`/api/v1/projects/${projectId}/plans/${year}`, input)
}

/**
 * Saves rows in one transaction, all or nothing. Field errors are named
 * "items.<index>.<field>" by the row's index in `items`; "reason" when an issued plan changes.
 */
export function savePlans(year: number, items: PlanWrite[], reason?: string | null): Promise<{ year: number; items: (Plan & { project_id: number })[] }> {
  return http.post('/api/v1/plans/batch', { year, items, reason: reason || undefined })
}

/** Issues (下达) the draft plans of the year, or of `projectIds`. */
export function issuePlans(year: number, projectIds?: number[]): Promise<{ year: number; issued: number }> {
  return http.post('/api/v1/plans/issue', { year, project_ids: projectIds })
}

/** The .xlsx plan table (年度投资计划表) of the list's filters, grouped by 责任单位. */
export function planExportUrl(query: Query): string {
  return buildUrl('/api/v1/exports/plans', { ...query, page: undefined, page_size: undefined })
}

// 任务分解 -------------------------------------------------------------------------------

export interface UnitTargetRow {
  unit_id: number
  unit_name: string
  kind: string
  /** The unit's target, 分; null when not set. */
  amount: number | null
  /** The plans of the projects the unit (or a sub-unit) is 责任单位 of. */
  projects_amount: number
  project_count: number
  /** target (0 when not set) − projects_amount */
  difference: number
}

export interface UnitTargets {
  year: number
  district_amount: number | null
  units: UnitTargetRow[]
  units_sum: number
  mismatch: { district: number; units: number[] }
  /** Plans of projects whose 责任单位 is none of the rows (staff, leaders only). */
  unassigned?: { amount: number; project_count: number }
}

export interface UnitTargetDetail {
  year: number
  unit: { id: number; name: string; kind: string }
  amount: number | null
  projects_amount: number
  difference: number
  mismatch: boolean
  projects: (PlanProject & { plan_amount: number | null; plan_state: PlanState | null })[]
}

export function getUnitTargets(year: number): Promise<UnitTargets> {
  return http.get<UnitTargets>('/api/v1/unit-targets', { query: { year } })
}

export function getUnitTarget(year: number, unitId: number): Promise<UnitTargetDetail> {
  return http.get<UnitTargetDetail>(`/api/v1/unit-targets/${year}/units/${unitId}`)
}

/** `amount: null` removes a unit's target; units not listed keep theirs. */
export function saveUnitTargets(
  year: number,
  input: { district_amount: number | null; units: { unit_id: number; amount: number | null }[] },
): Promise<UnitTargets> {
  return http.put<UnitTargets>(`/api/v1/unit-targets/${year}`, input)
}
