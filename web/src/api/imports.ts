import { http } from './http'

// Excel/CSV import with a preview: upload → preview (with a column mapping) → commit.

export type ImportAction = 'create' | 'update' | 'unchanged' | 'error'
export const IMPORT_ACTIONS: readonly ImportAction[] = ['create', 'update', 'unchanged', 'error']

export interface ImportColumn {
  index: number
  header: string
  /** The target field the column is read into; null = ignored. */
  field: string | null
}

export interface ImportField {
  field: string
  label: string
  required: boolean
}

export interface ImportRow {
  /** Row number in the sheet, as the user sees it in Excel. */
  row: number
  action: ImportAction
  project_id: number | null
  name: string
  values: Record<string, string>
  errors: { field: string; message: string }[]
}

/** One page of a preview's rows; `total` counts the rows with `action` ('all': every row). */
export interface ImportRowsPage {
  rows: ImportRow[]
  action: 'all' | ImportAction
  page: number
  page_size: number
  total: number
}

/** The preview answers with its first page of rows; the others come from rows() by plan_id. */
export interface ImportPreview extends ImportRowsPage {
  import_id: string
  /** The server keeps the preview under this id for paging and for the commit. */
  plan_id: string
  file_name: string
  header_row: number
  columns: ImportColumn[]
  fields: ImportField[]
  summary: Record<'total' | ImportAction, number>
}

export interface ImportResult {
  created: number
  updated: number
  unchanged: number
  skipped: number
}

/** Column index (as a string key) → target field, or null to ignore the column. */
export type ImportMapping = Record<string, string | null>

/** What the import dialog needs from a resource; the projects one is below. */
export interface ImportApi {
  upload(file: File): Promise<ImportPreview>
  preview(importId: string, mapping: ImportMapping): Promise<ImportPreview>
  /** 404 import.plan_expired once the kept preview is gone (after 30 minutes or a commit). */
  rows(importId: string, planId: string, action: 'all' | ImportAction, page: number, pageSize: number): Promise<ImportRowsPage>
  /** 400 import.has_errors (nothing written) unless skipErrors. */
  commit(importId: string, planId: string, mapping: ImportMapping, skipErrors: boolean): Promise<ImportResult>
  templateUrl: string
  /** Fields the preview's row table shows by default, in this order; the others are behind a switch. */
  keyFields?: readonly string[]
  /** Fields holding 万元 amounts: the preview shows their plain numbers grouped ("3,618.76"). */
  isMoney?: (field: string) => boolean
}

export const projectImportApi: ImportApi = {
  upload: (file) => http.upload<ImportPreview>('/api/v1/imports/projects', file, { query: { filename: file.name } }),
  preview: (id, mapping) => http.post<ImportPreview>(`/api/v1/imports/projects/${encodeURIComponent(id)}/preview`, { mapping }),
  rows: (id, planId, action, page, pageSize) =>
    http.get<ImportRowsPage>(`/api/v1/imports/projects/${encodeURIComponent(id)}/rows`, {
      query: { plan_id: planId, action, page, page_size: pageSize },
    }),
  commit: (id, planId, mapping, skipErrors) =>
    http.post<ImportResult>(`/api/v1/imports/projects/${encodeURIComponent(id)}/commit`, {
      plan_id: planId,
      mapping,
      skip_errors: skipErrors,
    }),
  templateUrl: '/api/v1/imports/projects/template',
  keyFields: ['owner', 'lead', 'total_investment'],
  isMoney: (field) => field === 'total_investment' || field.startsWith('funding:'),
}

/** The mapping a preview used: every column index → its field (null when ignored). */
export function mappingOf(columns: readonly ImportColumn[]): ImportMapping {
  const mapping: ImportMapping = {}
  for (const c of columns) mapping[String(c.index)] = c.field
  return mapping
}
