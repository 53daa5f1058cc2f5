import { http, type ListResponse, type Query } from './http'

export const LEVELS = ['province', 'city', 'district'] as const
export type Level = (typeof LEVELS)[number]

/** 阶段: the main line in order, then the side states. */
export const MAIN_STAGES = ['reserve', 'preparation', 'construction', 'completed', 'operating', 'effective'] as const
export const STAGES = [...MAIN_STAGES, 'suspended', 'cancelled'] as const
export type Stage = (typeof STAGES)[number]

export interface Funding {
  source_id: number
  /** 分 */
  amount: number
}

/** The fields a create or an edit sends. */
export interface ProjectFields {
  parent_id: number | null
  code: string | null
  name: string
  nature_id: number | null
  category_id: number | null
  industry_id: number | null
  level: Level
  star: number
  owner_unit_id: number | null
  lead_unit_id: number | null
  co_unit_ids: number[]
  leader_user_id: number | null
  leader_name: string | null
  contact_name: string | null
  contact_phone: string | null
  address: string | null
  lng: number | null
  lat: number | null
  content: string | null
  /** 分 */
  total_investment: number
  funding: Funding[]
  planned_start: string | null
  planned_completion: string | null
  registered: boolean
  registered_date: string | null
  stats_code: string | null
  remarks: string | null
  tag_ids: number[]
}

/** A project as the server returns it: the editable fields and what the server keeps. */
export interface Project extends ProjectFields {
  id: number
  owner_unit_name: string | null
  lead_unit_name: string | null
  actual_start: string | null
  actual_completion: string | null
  stage: Stage
  /** The stage a suspended (停缓建) project returns to. */
  resume_stage: Stage | null
  /** Reports by ISO week (2026-W43) instead of by month; the bureau sets it (setProjectReporting). */
  weekly_reporting: boolean
  child_count: number
  /** Sum of the sub-projects' 总投资, 分. */
  children_total: number
  version: number
  created_at: string
  updated_at: string
}

export interface ProjectCreate extends ProjectFields {
  stage: Stage
  actual_start: string | null
  actual_completion: string | null
  /** When a not-yet-started project entered its stage. */
  stage_date: string | null
}

export interface ProjectUpdate extends ProjectFields {
  /** The version read before editing; 409 project.stale if someone saved in between. */
  version: number
}

export interface ProjectList extends ListResponse<Project> {
  totals: { total_investment: number }
}

export interface StageEvent {
  id: number
  from_stage: Stage | null
  to_stage: Stage
  event_date: string
  reason: string | null
  user_name: string | null
  created_at: string
}

export interface FieldChange {
  id: number
  field: string
  old_value: string | null
  new_value: string | null
  source: string
  user_name: string | null
  changed_at: string
}

/** GET /api/v1/projects with list filters (see utils/project-filters.ts for the names). */
export function listProjects(query: Query): Promise<ProjectList> {
  return http.get<ProjectList>('/api/v1/projects', { query })
}

/** The server returns at most this many projects a page. */
export const MAX_PROJECT_PAGE_SIZE = 500

/** All sub-projects (子工程) of a project, page after page, in the list's order (`sort`). */
export async function listChildProjects(parentId: number, sort?: string): Promise<Project[]> {
  const children: Project[] = []
  for (let page = 1; ; page++) {
    const res = await listProjects({ parent_id: parentId, sort: sort || undefined, page, page_size: MAX_PROJECT_PAGE_SIZE })
    children.push(...res.items)
    if (children.length >= res.total || res.items.length === 0) return children
  }
}

/** 404 project.not_found for another unit's project, as for one that does not exist. */
export function getProject(id: number): Promise<Project> {
  return http.get<Project>(`/api/v1/projects/${id}`)
}

export function createProject(input: ProjectCreate): Promise<Project> {
  return http.post<Project>('/api/v1/projects', input)
}

export function updateProject(id: number, input: ProjectUpdate): Promise<Project> {
  return http.put<Project>(`/api/v1/projects/${id}`, input)
}

export function listStageEvents(id: number): Promise<ListResponse<StageEvent>> {
  return http.get<ListResponse<StageEvent>>(`/api/v1/projects/${id}/events`)
}

/** 409 project.illegal_transition with the reason in words. */
export function changeStage(id: number, input: { to_stage: Stage; date: string; reason: string | null }): Promise<Project> {
  return http.post<Project>(`/api/v1/projects/${id}/events`, input)
}

export function listFieldChanges(id: number): Promise<ListResponse<FieldChange>> {
  return http.get<ListResponse<FieldChange>>(`/api/v1/projects/${id}/changes`)
}

// Attachments (附件) ---------------------------------------------------------------------

export interface Attachment {
  id: number
  file_name: string
  content_type: string
  size: number
  uploaded_by_name: string | null
  uploaded_at: string
}

export function listAttachments(projectId: number): Promise<ListResponse<Attachment>> {
  return http.get<ListResponse<Attachment>>(`/api/v1/projects/${projectId}/attachments`)
}

/** The file's bytes are the body; 413 too large, 415 a type the server does not take. */
export function uploadAttachment(projectId: number, file: File): Promise<Attachment> {
  return http.upload<Attachment>(`/api/v1/projects/${projectId}/attachments`, file, { query: { filename: file.name } })
}

export function attachmentUrl(id: number): string {
  return `/api/v1/attachments/${id}`
}

export function deleteAttachment(id: number): Promise<void> {
  return http.delete(`/api/v1/attachments/${id}`)
}

// Export (导出) ---------------------------------------------------------------------------

/** The .xlsx ledger of the filtered list; `query` is the list's URL query string. */
export function exportUrl(query: string, groupBy: 'level' | 'unit' = 'level'): string {
  const params = new URLSearchParams(query)
  params.delete('page')
  params.delete('page_size')
  params.set('group_by', groupBy)
  return `/api/v1/exports/projects?${params.toString()}`
}
