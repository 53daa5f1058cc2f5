// Progress reporting (进度填报): periods, the period grid, one project's report with its
// revisions, the review, missing reports, opening balances. Money is 分 throughout.
import { buildUrl, http, type Query } from './http'
import type { SupervisionStatus } from './supervision'
import type { ImportAction } from './imports'
import type { Level, Stage } from './projects'

export const REPORT_STATES = ['draft', 'submitted', 'accepted', 'returned'] as const
export type ReportState = (typeof REPORT_STATES)[number]
/** A project with no report yet in the period, as the grid filter names it. */
export const GRID_STATES = ['none', ...REPORT_STATES] as const
export type GridState = (typeof GRID_STATES)[number]

export type PeriodKind = 'month' | 'week'

/** A reporting period: "2026-10" (month) or "2026-W09" (ISO week). */
export interface PeriodInfo {
  period: string
  /** "2026年10月", "2026年第9周" */
  label: string
  kind: PeriodKind
  /** ISO timestamp with +08:00. */
  deadline_at: string
  overdue: boolean
  locked: boolean
}

export interface PeriodList {
  items: PeriodInfo[]
  /** The period being reported now: the last month (or week) that has ended. */
  current: string
}

export interface PeriodEvent {
  action: 'lock' | 'unlock' | string
  reason: string | null
  user_name: string | null
  created_at: string
}

export interface PeriodDetail extends PeriodInfo {
  events: PeriodEvent[]
}

/** What a unit types for a project in a period. */
export interface ReportFields {
  /** 本期完成投资, 分; negative only as a marked correction (冲减) with a reason. */
  amount: number
  correction: boolean
  correction_reason: string | null
  /** 形象进度 */
  progress_text: string | null
  /** 形象进度 0–100 */
  physical_percent: number | null
  /** 存在问题 */
  problems: string | null
  /** 入库口径 (statistics figure), 分 */
  stats_amount: number | null
}

export interface Report extends ReportFields {
  id: number
  project_id: number
  period: string
  state: ReportState
  /** 草稿, 已报送, 已审核, 已退回 */
  state_label: string
  return_reason: string | null
  /** The last accepted amount, which counts while a new revision is in the works. */
  accepted_amount: number | null
  revision: number
  version: number
  updated_at: string
  submitted_at: string | null
  reviewed_at: string | null
}

/** An exact ratio with its percentage text ("60.0%"). */
export interface Ratio {
  num: number
  den: number
  percent: string
}

/** Derived from accepted amounts, never typed. */
export interface Figures {
  period_amount: number
  /** 年初至今累计 */
  year_to_date: number
  /** 开工累计 */
  since_start: number
  /** 年度完成率 (null without an annual plan) */
  annual_rate: Ratio | null
  /** 总投资完成率 */
  total_rate: Ratio | null
  warnings: string[]
}

export interface GridProject {
  id: number
  code: string | null
  name: string
  level: Level
  stage: Stage
  stage_label: string
  lead_unit_id: number | null
  lead_unit_name: string | null
  total_investment: number
}

export interface GridRow {
  project: GridProject
  /** 年度计划投资, 分 */
  annual_plan: number | null
  report: Report | null
  figures: Figures
}

export interface ReportGrid {
  period: PeriodInfo
  items: GridRow[]
  total: number
}

export interface GridQuery {
  period: string
  unit_id?: number | null
  state?: GridState[]
  q?: string
  missing?: boolean
  page?: number
  page_size?: number
}

export interface BatchItem extends Partial<ReportFields> {
  project_id: number
  version?: number
  amount: number
}

export interface BatchResult {
  saved: number
  items: Report[]
}

export interface Revision extends ReportFields {
  revision: number
  /** save, submit, accept, return */
  action: string
  state: ReportState
  state_label: string
  reason: string | null
  user_name: string | null
  created_at: string
}

export interface Opening {
  /** The month the balance runs through, "2025-12". */
  through: string
  /** 开工累计 up to the end of that month, 分 */
  amount: number
}

/** A site photo (现场照片) of a report. */
export interface ReportPhoto {
  id: number
  file_name: string
  size: number
  /** The photo as uploaded. */
  url: string
  /** A small JPEG the server made of it. */
  thumb_url: string
  created_at: string
}

export interface ProjectReport {
  project: { id: number; code: string | null; name: string; stage: Stage; lead_unit_name: string | null; total_investment: number }
  period: PeriodInfo
  report: Report | null
  /** Empty while the project has no report in the period. */
  photos: ReportPhoto[]
  annual_plan: number | null
  opening: Opening | null
  figures: Figures
  revisions: Revision[]
  /** The supervision items (督办) raised from this report's problems. */
  supervision_items?: { id: number; number: string | null; status: SupervisionStatus; status_label: string; title: string }[]
}

export interface ProjectReportHistory {
  items: (Report & { figures: Figures })[]
  opening: Opening | null
}

export interface MissingReports {
  period: PeriodInfo
  projects: { id: number; code: string | null; name: string; lead_unit_id: number | null; lead_unit_name: string | null; state: ReportState | null }[]
  units: { unit_id: number | null; unit_name: string; count: number }[]
  total: number
}

export function listPeriods(year: number, kind: PeriodKind = 'month'): Promise<PeriodList> {
  return http.get<PeriodList>('/api/v1/periods', { query: { year, kind: kind === 'week' ? 'week' : undefined } })
}

export function getPeriod(period: string): Promise<PeriodDetail> {
  return http.get<PeriodDetail>(`/api/v1/periods/${period}`)
}

export function lockPeriod(period: string, reason: string | null): Promise<PeriodDetail> {
  return http.post<PeriodDetail>(`/api/v1/periods/${period}/lock`, reason ? { reason } : {})
}

/** The reason is required. */
export function unlockPeriod(period: string, reason: string): Promise<PeriodDetail> {
  return http.post<PeriodDetail>(`/api/v1/periods/${period}/unlock`, { reason })
}

/** The period grid; returned reports come first. A unit user gets only its own projects. */
export function getReportGrid(q: GridQuery): Promise<ReportGrid> {
  const query: Query = {
    period: q.period,
    unit_id: q.unit_id,
    state: q.state,
    q: q.q,
    missing: q.missing ? 1 : undefined,
    page: q.page,
    page_size: q.page_size,
  }
  return http.get<ReportGrid>('/api/v1/reports', { query })
}

/**
 * The grid saved in one transaction; 400 with details.fields["items.N.field"] names the row
 * (N indexes `items`). Rows already submitted or accepted and unchanged are skipped.
 */
export function saveReportBatch(period: string, submit: boolean, items: BatchItem[]): Promise<BatchResult> {
  return http.post<BatchResult>('/api/v1/reports/batch', { period, submit, items })
}

const reportPath = (projectId: number, period: string) => `/api/v1/projects/${projectId}/reports/${period}`

export function getProjectReport(projectId: number, period: string): Promise<ProjectReport> {
  return http.get<ProjectReport>(reportPath(projectId, period))
}

export function acceptReport(projectId: number, period: string, version: number): Promise<ProjectReport> {
  return http.post<ProjectReport>(`${reportPath(projectId, period)}/accept`, { version })
}

/** The reason is required. */
export function returnReport(projectId: number, period: string, version: number, reason: string): Promise<ProjectReport> {
  return http.post<ProjectReport>(`${reportPath(projectId, period)}/return`, { version, reason })
}

/** Every reported period of a project, newest first, with the figures at each. */
export function listProjectReports(projectId: number): Promise<ProjectReportHistory> {
  return http.get<ProjectReportHistory>(`/api/v1/projects/${projectId}/reports`)
}

/** 开工累计 before the first report (staff). */
export function setOpening(projectId: number, opening: Opening): Promise<Opening> {
  return http.put<Opening>(`/api/v1/projects/${projectId}/opening`, opening)
}

/** Monthly or weekly reporting of a project (staff). */
export function setProjectReporting(projectId: number, weekly: boolean): Promise<{ project_id: number; weekly: boolean }> {
  return http.put<{ project_id: number; weekly: boolean }>(`/api/v1/projects/${projectId}/reporting`, { weekly })
}

/** The most a photo may have, as the server's kMaxPhotoBytes. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024
/** The most photos a report may have, as the server's kMaxPhotosPerReport. */
export const MAX_PHOTOS_PER_REPORT = 20

/**
 * Adds a JPG or PNG (checked by content) to the project's saved report of the period, while
 * it is a draft or returned and the period is open; 409 otherwise, 413 over 10 MB.
 */
export function uploadReportPhoto(projectId: number, period: string, file: File): Promise<ReportPhoto> {
  return http.upload<ReportPhoto>(`${reportPath(projectId, period)}/photos`, file, { query: { filename: file.name } })
}

/** Under the same rules as the upload. */
export function deleteReportPhoto(id: number): Promise<void> {
  return http.delete(`/api/v1/report-photos/${id}`)
}

export function getMissingReports(period: string): Promise<MissingReports> {
  return http.get<MissingReports>('/api/v1/reports/missing', { query: { period } })
}

/** 催报: a message to the users of every unit with missing reports (staff). */
export function remindMissingReports(period: string): Promise<{ units: number; users: number }> {
  return http.post<{ units: number; users: number }>('/api/v1/reports/missing/remind', { period })
}

/** One project row of an uploaded period sheet. */
export interface SheetRow {
  /** Row number in the sheet, as the user sees it in Excel. */
  row: number
  /** null when the sheet names a project the user cannot report on. */
  project_id: number | null
  name: string
  /** 本期完成投资, 分; null (or meaningless, on an error row) when the row could not be read. */
  amount: number | null
  action: ImportAction
}

export interface SheetError {
  field: string
  /** The sheet column's name (本期完成投资 …). */
  label: string
  message: string
}

/** The preview of an uploaded period sheet; nothing is written until the commit. */
export interface SheetPreview {
  import_id: string
  period: string
  rows: SheetRow[]
  /** Sheet row (as a string key) → what is wrong in it. */
  errors: Record<string, SheetError[]>
  /** `blank`: rows left unfilled, which are not imported. */
  summary: Record<ImportAction | 'blank', number>
}

export interface SheetResult extends BatchResult {
  created: number
  updated: number
  unchanged: number
}

/** The .xlsx to fill offline: the user's (or the unit's) projects, with what is already reported. */
export function reportSheetUrl(period: string, unitId?: number | null): string {
  return buildUrl('/api/v1/reports/sheet', { period, unit_id: unitId })
}

/** Uploads a filled sheet; answers with the preview. */
export function uploadReportSheet(period: string, file: File): Promise<SheetPreview> {
  return http.upload<SheetPreview>('/api/v1/imports/reports', file, { query: { period, filename: file.name } })
}

/** Writes the previewed sheet in one transaction; 400 import.has_errors (nothing written) when a row is bad. */
export function commitReportSheet(importId: string, period: string, submit: boolean): Promise<SheetResult> {
  return http.post<SheetResult>(`/api/v1/imports/reports/${encodeURIComponent(importId)}/commit`, { period, submit })
}
