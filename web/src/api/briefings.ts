// Briefings (专报/通报), notices (通知) and the templates briefings are made from. A briefing
// is a draft until published; then its recipient units read it under 信息发布 and each
// reading records the unit's receipt.
import { http, type ListResponse, type Query } from './http'

export type TemplateKind = 'special' | 'bulletin'
export type BriefingKind = TemplateKind | 'notice'
export const BRIEFING_KINDS: readonly BriefingKind[] = ['special', 'bulletin', 'notice']
export type BriefingState = 'draft' | 'published'
export const BRIEFING_STATES: readonly BriefingState[] = ['draft', 'published']

// ---- The document: what the DOCX and PDF show, block by block ----

export interface DocTable {
  caption: string
  header: string[]
  rows: string[][]
  /** Per column: right-aligned figures. */
  numeric: boolean[]
  /** The last row is a 合计 row. */
  last_row_total: boolean
}

export interface DocChartSeries {
  name: string
  values: number[]
}

export interface DocChart {
  title: string
  /** The unit of the values (万元, 个 …). */
  unit: string
  categories: string[]
  series: DocChartSeries[]
}

export type DocBlock =
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; table: DocTable }
  | { kind: 'chart'; chart: DocChart }

export interface BriefingDocumentData {
  /** The masthead (重点项目推进专报). */
  series: string
  /** 第12期. */
  issue: string
  office: string
  date: string
  doc_number: string
  title: string
  blocks: DocBlock[]
  /** Lines of 报/送/发. */
  distribution: string[]
}

// ---- Briefings ----

export interface Recipient {
  unit_id: number
  unit_name: string
  read_at: string | null
  read_by_name: string | null
}

export interface BriefingSummary {
  id: number
  kind: BriefingKind
  kind_label: string
  series: string
  year: number
  issue_no: number
  issue_label: string
  doc_number: string
  title: string
  period: string | null
  period_label: string
  template_id: number | null
  state: BriefingState
  state_label: string
  issued_on: string
  created_at: string
  created_by_name: string
  published_at: string | null
  published_by_name: string | null
  version: number
  /** Whether its figures come from a locked month's snapshot. */
  snapshot_locked: boolean
  recipient_count: number
  read_count: number
  /** When the user's unit read it (unit and leader users); null: unread. */
  my_read_at?: string | null
}

export interface Briefing extends BriefingSummary {
  document: BriefingDocumentData
  /** Admin and staff only. */
  recipients?: Recipient[]
}

export interface BriefingList extends ListResponse<BriefingSummary> {
  /** How many are unread (unit and leader users). */
  unread?: number
}

export interface BriefingCreate {
  template_id: number
  period: string
  issued_on: string
  doc_number: string
  /** Empty: every top-level unit. */
  recipient_unit_ids: number[]
}

export interface NoticeCreate {
  kind: 'notice'
  title: string
  /** One paragraph per line. */
  body: string
  issued_on: string
  doc_number: string
  recipient_unit_ids: number[]
}

export interface BriefingUpdate {
  version: number
  title: string
  doc_number: string
  issued_on: string
  recipient_unit_ids: number[]
  document: BriefingDocumentData
}

/** GET /api/v1/briefings: state, kind, year, q, page, page_size. */
export function listBriefings(query: Query): Promise<BriefingList> {
  return http.get<BriefingList>('/api/v1/briefings', { query })
}

export function getBriefing(id: number): Promise<Briefing> {
  return http.get<Briefing>(`/api/v1/briefings/${id}`)
}

/** A draft 专报/通报 from a template and a month, or a 通知; → 201 with the document made. */
export function createBriefing(input: BriefingCreate | NoticeCreate): Promise<Briefing> {
  return http.post<Briefing>('/api/v1/briefings', input)
}

/** Drafts only; the whole document goes back. */
export function updateBriefing(id: number, input: BriefingUpdate): Promise<Briefing> {
  return http.put<Briefing>(`/api/v1/briefings/${id}`, input)
}

/** Drafts only: the document made again from the template and the period's data. */
export function regenerateBriefing(id: number, version?: number): Promise<Briefing> {
  return http.post<Briefing>(`/api/v1/briefings/${id}/regenerate`, version === undefined ? {} : { version })
}

/** Drafts only, admin/staff: the recipients are notified. */
export function publishBriefing(id: number, version?: number): Promise<Briefing> {
  return http.post<Briefing>(`/api/v1/briefings/${id}/publish`, version === undefined ? {} : { version })
}

/** Unit and leader users: records the read receipt of the user's unit (idempotent). */
export function markBriefingRead(id: number): Promise<Briefing> {
  return http.post<Briefing>(`/api/v1/briefings/${id}/read`)
}

/** Drafts only. */
export function deleteBriefing(id: number): Promise<void> {
  return http.delete(`/api/v1/briefings/${id}`)
}

export function briefingDocxUrl(id: number): string {
  return `/api/v1/briefings/${id}/document.docx`
}

/** Inline: opens in the browser's PDF viewer. */
export function briefingPdfUrl(id: number): string {
  return `/api/v1/briefings/${id}/document.pdf`
}

// ---- Templates (专报模板) ----

export interface TemplateInput {
  kind: TemplateKind
  name: string
  /** The masthead: 重点项目推进专报. */
  series: string
  title: string
  /** One paragraph per line; # / ## headings, {{占位符}}, {{#if 名}} … {{/if}}, [表:名], [图:名]. */
  body: string
  /** Lines of 报/送/发. */
  distribution: string
}

export interface BriefingTemplate extends TemplateInput {
  id: number
  kind_label: string
  version: number
  updated_at: string
}

export interface Placeholder {
  name: string
  label: string
  example?: string
}

export interface PlaceholderCatalog {
  placeholders: Placeholder[]
  tables: Placeholder[]
  charts: Placeholder[]
}

export interface TemplatePreviewInput {
  kind: TemplateKind
  series: string
  title: string
  body: string
  distribution: string
  period: string
}

export function listBriefingTemplates(): Promise<{ items: BriefingTemplate[] }> {
  return http.get<{ items: BriefingTemplate[] }>('/api/v1/briefing-templates')
}

export function getBriefingTemplate(id: number): Promise<BriefingTemplate> {
  return http.get<BriefingTemplate>(`/api/v1/briefing-templates/${id}`)
}

/** Admin only. */
export function createBriefingTemplate(input: TemplateInput): Promise<BriefingTemplate> {
  return http.post<BriefingTemplate>('/api/v1/briefing-templates', input)
}

/** Admin only; 409 briefing_template.stale when `version` is stale. */
export function updateBriefingTemplate(id: number, input: TemplateInput & { version: number }): Promise<BriefingTemplate> {
  return http.put<BriefingTemplate>(`/api/v1/briefing-templates/${id}`, input)
}

/** Admin only; 409 while briefings use it. */
export function deleteBriefingTemplate(id: number): Promise<void> {
  return http.delete(`/api/v1/briefing-templates/${id}`)
}

export function getTemplatePlaceholders(): Promise<PlaceholderCatalog> {
  return http.get<PlaceholderCatalog>('/api/v1/briefing-templates/placeholders')
}

/** The document a template would make for a month; 400 details.fields.body/.title name what is wrong. */
export function previewBriefingTemplate(input: TemplatePreviewInput): Promise<{ document: BriefingDocumentData }> {
  return http.post<{ document: BriefingDocumentData }>('/api/v1/briefing-templates/preview', input)
}

