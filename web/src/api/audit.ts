// 操作日志 (admin): the audit trail of every write, sign-in and download, searched and exported.
import { http, listExportUrl, type ListResponse, type Query } from './http'

export interface AuditEntry {
  id: number
  /** "2026-12-02T10:30:05+08:00" */
  at: string
  user_id: number | null
  username: string
  role: string
  address: string
  /** "projects.update", "projects.reports.submit", "session.login_failed", "exports.projects.download" */
  action: string
  method: string
  /** With its query string. */
  path: string
  resource: string
  resource_id: string | null
  status: number
  /** The error's message when refused. */
  summary: string
  /** The changed fields by dotted path, as they were and as they are. */
  old_values: Record<string, unknown> | null
  new_values: Record<string, unknown> | null
}

export interface AuditQuery extends Query {
  from?: string
  to?: string
  username?: string
  action?: string
  resource?: string
  result?: 'ok' | 'failed' | ''
  q?: string
  page?: number
  page_size?: number
}

export function listAuditLog(query: AuditQuery): Promise<ListResponse<AuditEntry>> {
  return http.get<ListResponse<AuditEntry>>('/api/v1/audit-log', { query })
}

export function auditExportUrl(query: AuditQuery): string {
  return listExportUrl('audit-log', query)
}
