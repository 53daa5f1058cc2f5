// Supervision (督办): items with their circulation sheet (流转单), and ledger tasks that follow
// the same lifecycle. The server decides who may do what: an item says its `allowed_actions`.
import { http, listExportUrl, type ListResponse, type Query } from './http'

export const SUPERVISION_STATUSES = ['pending_receipt', 'in_progress', 'awaiting_verification', 'returned', 'done', 'cancelled'] as const
export type SupervisionStatus = (typeof SUPERVISION_STATUSES)[number]
/** Not closed: an action may still move them. */
export const OPEN_STATUSES: readonly SupervisionStatus[] = ['pending_receipt', 'in_progress', 'awaiting_verification', 'returned']

export const PRIORITIES = ['normal', 'urgent', 'critical'] as const
export type Priority = (typeof PRIORITIES)[number]

export const SOURCES = ['report', 'meeting', 'inspection', 'instruction', 'other'] as const
export type Source = (typeof SOURCES)[number]

export const ACTIONS = [
  'sign',
  'update',
  'request_extension',
  'report_done',
  'verify',
  'return',
  'grant_extension',
  'refuse_extension',
  'urge',
  'cancel',
] as const
export type SupervisionAction = (typeof ACTIONS)[number]

export type ItemKind = 'item' | 'task'

export interface UnitRef {
  id: number
  name: string
}

export interface SupervisionSummary {
  id: number
  /** YYYY-NNN for items; null for tasks. */
  number: string | null
  kind: ItemKind
  task_seq: number | null
  /** 方面, for tasks. */
  area: string | null
  title: string
  /** A supervision_category label. */
  category: string
  source: Source
  source_label: string
  priority: Priority
  priority_label: string
  status: SupervisionStatus
  status_label: string
  lead_unit: UnitRef
  co_units: UnitRef[]
  projects: { id: number; code: string | null; name: string }[]
  issued_on: string
  deadline: string
  original_deadline: string
  overdue: boolean
  /** Calendar days past the deadline, 0 when not overdue. */
  overdue_days: number
  /** Calendar days to the deadline; null once closed. */
  days_left: number | null
  /** Within the due-soon window (working days). */
  due_soon: boolean
  extension_pending: boolean
  closed_on: string | null
  closed_on_time: boolean | null
  updated_at: string
}

export interface SupervisionCounts {
  pending_receipt: number
  in_progress: number
  awaiting_verification: number
  returned: number
  done: number
  cancelled: number
  overdue: number
  due_soon: number
}

export interface SupervisionList extends ListResponse<SupervisionSummary> {
  /** Counts in the same scope, without the status and overdue filters. */
  summary: SupervisionCounts
}

export interface AttachmentRef {
  id: number
  file_name: string
  size: number
  mime: string
}

export interface Attachment extends AttachmentRef {
  created_at: string
  action_id?: number | null
}

export interface ActionEntry {
  id: number
  action: string
  action_label: string
  from_status: SupervisionStatus | null
  to_status: SupervisionStatus
  note: string | null
  deadline_before: string | null
  deadline_after: string | null
  user_name: string | null
  unit_name: string | null
  created_at: string
  attachments: AttachmentRef[]
}

export interface Extension {
  id: number
  requested_deadline: string
  reason: string
  state: 'pending' | 'granted' | 'refused'
  requested_by_name: string | null
  requested_at: string
  decided_by_name: string | null
  decided_at: string | null
  decision_note: string | null
}

export type MyRole = 'issuer' | 'lead' | 'co' | 'viewer'

export interface SupervisionItem extends SupervisionSummary {
  description: string | null
  issuing_office: string
  working_days: number | null
  report: { id: number; project_id: number; project_name: string; period: string; problems: string | null } | null
  meeting: { id: number; title: string; held_on: string; decision_id: number; decision: string } | null
  task_ledger: { id: number; name: string } | null
  created_by_name: string | null
  created_at: string
  signed_on: string | null
  reported_done_on: string | null
  version: number
  /** Oldest first. */
  actions: ActionEntry[]
  extensions: Extension[]
  attachments: Attachment[]
  my_role: MyRole
  allowed_actions: SupervisionAction[]
}

export interface SupervisionCreate {
  title: string
  description: string
  category: string
  source: Source
  issuing_office: string
  lead_unit_id: number | null
  co_unit_ids: number[]
  project_ids: number[]
  issued_on?: string
  /** One of deadline and working_days. */
  deadline?: string
  working_days?: number
  priority: Priority
  report_id?: number
  meeting_decision_id?: number
}

export interface SupervisionUpdate {
  title: string
  description: string
  category: string
  priority: Priority
  co_unit_ids: number[]
  project_ids: number[]
  version: number
}

export interface ActionInput {
  action: SupervisionAction
  note?: string
  attachment_ids?: number[]
  requested_deadline?: string
  version?: number
}

export interface SupervisionStatsRow {
  unit_id: number
  unit_name: string
  issued: number
  done: number
  done_on_time: number
  overdue: number
  open: number
  /** Percent with one decimal; null when none done. */
  on_time_rate: number | null
  avg_days_to_close: number | null
}

/** GET /api/v1/supervision-items: kind, status (repeatable), unit_id, mine, overdue, category, source, project_id, task_ledger_id, q, page, page_size, sort. */
export function listSupervisionItems(query: Query): Promise<SupervisionList> {
  return http.get<SupervisionList>('/api/v1/supervision-items', { query })
}

export function getSupervisionItem(id: number): Promise<SupervisionItem> {
  return http.get<SupervisionItem>(`/api/v1/supervision-items/${id}`)
}

/** Staff only. */
export function createSupervisionItem(input: SupervisionCreate): Promise<SupervisionItem> {
  return http.post<SupervisionItem>('/api/v1/supervision-items', input)
}

/** Staff only, open items; 409 supervision.version when `version` is stale. */
export function updateSupervisionItem(id: number, input: SupervisionUpdate): Promise<SupervisionItem> {
  return http.put<SupervisionItem>(`/api/v1/supervision-items/${id}`, input)
}

/** 409 supervision.transition in the wrong state, 403 for the wrong actor. */
export function actOnSupervisionItem(id: number, input: ActionInput): Promise<SupervisionItem> {
  return http.post<SupervisionItem>(`/api/v1/supervision-items/${id}/actions`, input)
}

/** Uploads a file (≤ 20 MB) to post with the next update or report_done. */
export function uploadSupervisionAttachment(id: number, file: File): Promise<Attachment> {
  return http.upload<Attachment>(`/api/v1/supervision-items/${id}/attachments`, file, { query: { filename: file.name } })
}

export function supervisionAttachmentUrl(id: number): string {
  return `/api/v1/supervision-attachments/${id}`
}

export function supervisionSheetPdfUrl(id: number): string {
  return `/api/v1/supervision-items/${id}/sheet.pdf`
}

/** The list's .xlsx with the same filters. */
export function supervisionExportUrl(query: Query): string {
  return listExportUrl('supervision-items', query)
}

export function getSupervisionStats(year: number, kind: ItemKind = 'item'): Promise<{ items: SupervisionStatsRow[] }> {
  return http.get<{ items: SupervisionStatsRow[] }>('/api/v1/supervision-stats', { query: { year, kind } })
}

/** Attachments the files of an action may be (the server checks again). */
export const ATTACHMENT_ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png,.zip'
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
