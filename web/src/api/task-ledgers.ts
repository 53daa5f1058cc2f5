// 工作任务台账: ledgers of tasks that are not projects; the tasks are supervision items of
// kind `task` (listSupervisionItems with kind=task&task_ledger_id=ID).
import { http, type ListResponse } from './http'

export interface TaskLedger {
  id: number
  name: string
  year: number
  issuing_office: string
  description: string | null
  task_count: number
  done: number
  overdue: number
  created_at: string
}

export interface TaskLedgerInput {
  name: string
  year: number
  issuing_office: string
  description: string
}

export interface TaskImportRow {
  row: number
  seq: number | string | null
  area: string | null
  title: string | null
  lead_unit: string | null
  co_units: string | null
  deadline: string | null
  errors: Record<string, string>
}

export interface TaskImportPreview {
  rows: TaskImportRow[]
  valid: number
  invalid: number
  import_id: string
}

export function listTaskLedgers(year?: number): Promise<ListResponse<TaskLedger>> {
  return http.get<ListResponse<TaskLedger>>('/api/v1/task-ledgers', { query: { year } })
}

export function getTaskLedger(id: number): Promise<TaskLedger> {
  return http.get<TaskLedger>(`/api/v1/task-ledgers/${id}`)
}

export function createTaskLedger(input: TaskLedgerInput): Promise<TaskLedger> {
  return http.post<TaskLedger>('/api/v1/task-ledgers', input)
}

export function updateTaskLedger(id: number, input: TaskLedgerInput): Promise<TaskLedger> {
  return http.put<TaskLedger>(`/api/v1/task-ledgers/${id}`, input)
}

export const TASK_TEMPLATE_URL = '/api/v1/imports/task-ledgers/template'

/** Reads the sheet and checks every row; nothing is written. */
export function previewTaskImport(ledgerId: number, file: File): Promise<TaskImportPreview> {
  return http.upload<TaskImportPreview>(`/api/v1/task-ledgers/${ledgerId}/import`, file, { query: { filename: file.name } })
}

/** All rows in one transaction; 409 when any row is invalid. */
export function commitTaskImport(ledgerId: number, importId: string): Promise<{ created: number }> {
  return http.post<{ created: number }>(`/api/v1/task-ledgers/${ledgerId}/import/${encodeURIComponent(importId)}/commit`)
}
