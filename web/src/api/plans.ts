// Annual plans (年度计划) and unit targets (任务分解). Money is integer 分 throughout.
import { http, listExportUrl, type Query } from './http'
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
  return listExportUrl('plans', query)
}

// Plan table import --------------------------------------------------------------------

/** What a row of an uploaded plan table would do: adjust = 年中调整 of an issued plan. */
export type PlanSheetAction = 'create' | 'update' | 'adjust' | 'unchanged' | 'error'
export const PLAN_SHEET_ACTIONS: readonly PlanSheetAction[] = ['create', 'update', 'adjust', 'unchanged', 'error']

export interface PlanSheetRow {
  /** Row number in the sheet, as the user sees it in Excel. */
  row: number
  /** null when the row names no project that takes a plan this year. */
  project_id: number | null
  code: string
  name: string
  action: PlanSheetAction
  /** 年度计划投资 as read, 分; null when the cell could not be read. */
  amount: number | null
  /** The plan's amount before, 分; null when the project has no plan for the year. */
  old_amount: number | null
  errors: { field: string; label: string; message: string }[]
}

export interface PlanSheetPreview {
  import_id: string
  year: number
  /** Handed back to the commit: it writes only what was previewed. */
  token: string
  /** The optional columns the table has (the others keep the plans' values). */
  columns: ('quarters' | 'goals' | 'planned_start' | 'planned_completion')[]
  rows: PlanSheetRow[]
  summary: Record<PlanSheetAction, number>
}

export interface PlanSheetResult {
  year: number
  created: number
  updated: number
  adjusted: number
  unchanged: number
}

/** Reads an uploaded plan table and says what each row would do; writes nothing. */
export function uploadPlanSheet(year: number, file: File): Promise<PlanSheetPreview> {
  return http.upload<PlanSheetPreview>('/api/v1/imports/plans', file, { query: { year, filename: file.name } })
}

/**
 * Writes the previewed table in one transaction: 400 import.has_errors when a row is bad,
 * 409 import.stale when a plan changed since the preview, a `reason` field error when it
 * adjusts issued plans without one.
 */
export function commitPlanSheet(preview: PlanSheetPreview, reason?: string): Promise<PlanSheetResult> {
  return http.post<PlanSheetResult>(`/api/v1/imports/plans/${encodeURIComponent(preview.import_id)}/commit`, {
    year: preview.year,
    token: preview.token,
    reason: reason || undefined,
  })
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
