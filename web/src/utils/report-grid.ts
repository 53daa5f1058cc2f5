// The period grid (进度填报) as plain values: what a row's inputs hold, whether a row changed,
// which rows a save or a submit sends, and where the server's "items.N.field" errors go.
import type { BatchItem, GridState, ReportFields, ReportState } from '@/api/reports'
import { fenToWanInput, wanToFen } from './money'

/** A row's inputs as typed: money in 万元 text, the percentage as text. */
export interface RowDraft {
  amount: string
  correction: boolean
  correction_reason: string
  progress_text: string
  physical_percent: string
  problems: string
  stats_amount: string
}

export type DraftField = keyof RowDraft
/** Messages by field of one row; `project_id` and `general` hold what no input owns. */
export type RowErrors = Partial<Record<DraftField | 'project_id' | 'general', string>>

/** The inputs of a row showing `report` (or empty for a project not reported yet). */
export function draftOf(report: ReportFields | null): RowDraft {
  return {
    amount: report ? fenToWanInput(report.amount) : '',
    correction: report?.correction ?? false,
    correction_reason: report?.correction_reason ?? '',
    progress_text: report?.progress_text ?? '',
    physical_percent: report?.physical_percent === null || report?.physical_percent === undefined ? '' : String(report.physical_percent),
    problems: report?.problems ?? '',
    stats_amount: report ? fenToWanInput(report.stats_amount) : '',
  }
}

const FIELDS: DraftField[] = ['amount', 'correction', 'correction_reason', 'progress_text', 'physical_percent', 'problems', 'stats_amount']

/** Whether the user changed anything (whitespace around text does not count). */
export function isChanged(draft: RowDraft, original: RowDraft): boolean {
  return FIELDS.some((f) => {
    const a = draft[f]
    const b = original[f]
    if (typeof a === 'string' && typeof b === 'string') {
      if (f === 'amount' || f === 'stats_amount') return wanToFen(a) !== wanToFen(b) || (a.trim() === '') !== (b.trim() === '')
      return a.trim() !== b.trim()
    }
    return a !== b
  })
}

/** Whether the amount typed is a negative number (冲减 must then be marked, with a reason). */
export function isNegative(draft: RowDraft): boolean {
  const fen = wanToFen(draft.amount)
  return fen !== null && fen < 0
}

/** The i18n keys (under reports.check) of what the browser itself can tell is wrong. */
export type CheckKey = 'amountRequired' | 'amountFormat' | 'percentFormat' | 'statsFormat'

/**
 * The fields a row sends, or what is wrong with the inputs (by field, as i18n keys). Ranges
 * and the 冲减 rule are the server's to check; it answers by row.
 */
export function readDraft(draft: RowDraft): { fields: Omit<BatchItem, 'project_id'> } | { errors: Partial<Record<DraftField, CheckKey>> } {
  const errors: Partial<Record<DraftField, CheckKey>> = {}
  const amount = wanToFen(draft.amount)
  if (draft.amount.trim() === '') errors.amount = 'amountRequired'
  else if (amount === null) errors.amount = 'amountFormat'
  let percent: number | null = null
  const percentText = draft.physical_percent.trim()
  if (percentText !== '') {
    if (/^\d{1,3}$/.test(percentText)) percent = Number(percentText)
    else errors.physical_percent = 'percentFormat'
  }
  let stats: number | null = null
  if (draft.stats_amount.trim() !== '') {
    stats = wanToFen(draft.stats_amount)
    if (stats === null || stats < 0) errors.stats_amount = 'statsFormat'
  }
  if (Object.keys(errors).length > 0) return { errors }
  const text = (s: string) => (s.trim() === '' ? null : s.trim())
  return {
    fields: {
      amount: amount!,
      correction: draft.correction,
      correction_reason: draft.correction ? text(draft.correction_reason) : null,
      progress_text: text(draft.progress_text),
      physical_percent: percent,
      problems: text(draft.problems),
      stats_amount: stats,
    },
  }
}

/** A project's state in the period: its report's, or `none`. */
export function rowState(report: { state: ReportState } | null): GridState {
  return report ? report.state : 'none'
}

/** Whether a row's inputs are open: not while a report waits for review, nor in a locked period. */
export function isEditable(state: GridState, locked: boolean, canEdit: boolean): boolean {
  return canEdit && !locked && state !== 'submitted'
}

/**
 * Whether photos (现场照片) may be added to or removed from a report: only a saved draft or a
 * returned report in an open period, as the server allows (not an accepted one: changing it
 * first makes a new revision through the grid).
 */
export function photosEditable(state: GridState, locked: boolean, canEdit: boolean): boolean {
  return canEdit && !locked && (state === 'draft' || state === 'returned')
}

/**
 * Whether a row goes into the batch: a save sends what changed; a submit also sends drafts
 * and returned reports as they are (they still need submitting). A project nobody has
 * touched, and reports already submitted or accepted and unchanged, stay out.
 */
export function shouldSend(state: GridState, changed: boolean, submit: boolean): boolean {
  if (state === 'submitted') return false
  if (changed) return true
  return submit && (state === 'draft' || state === 'returned')
}

/**
 * The server's batch errors ("items.3.amount") by project, given the project of each item
 * sent; messages that name no row are listed under `general` of project 0.
 */
export function errorsByProject(fields: Record<string, string>, sentProjectIds: number[]): Map<number, RowErrors> {
  const out = new Map<number, RowErrors>()
  const add = (projectId: number, field: string, message: string) => {
    const row = out.get(projectId) ?? {}
    const key = (FIELDS as string[]).includes(field) || field === 'project_id' ? (field as DraftField | 'project_id') : 'general'
    row[key] = row[key] ? `${row[key]}；${message}` : message
    out.set(projectId, row)
  }
  for (const [key, message] of Object.entries(fields)) {
    const m = /^items\.(\d+)\.(\w+)$/.exec(key)
    const projectId = m ? sentProjectIds[Number(m[1])] : undefined
    if (m && projectId !== undefined) add(projectId, m[2]!, message)
    else add(0, 'general', message)
  }
  return out
}

/** Monday of ISO week `week` of `year` (week 1 holds the year's first Thursday), as a local date. */
export function isoWeekStart(year: number, week: number): Date {
  const jan4 = new Date(year, 0, 4)
  const mondayOfWeek1 = new Date(year, 0, 4 - ((jan4.getDay() + 6) % 7))
  return new Date(mondayOfWeek1.getFullYear(), mondayOfWeek1.getMonth(), mondayOfWeek1.getDate() + (week - 1) * 7)
}

/** Whether a period ("2026-10", "2026-W09") has begun on `today`; later ones cannot be reported. */
export function periodStarted(period: string, today: Date = new Date()): boolean {
  const week = /^(\d{4})-W(\d{2})$/.exec(period)
  if (week) return isoWeekStart(Number(week[1]), Number(week[2])) <= today
  const month = /^(\d{4})-(\d{2})$/.exec(period)
  if (!month) return false
  return new Date(Number(month[1]), Number(month[2]) - 1, 1) <= today
}

/** The kind and year of a period key, or null if it is not one. */
export function parsePeriod(period: string): { kind: 'month' | 'week'; year: number } | null {
  const m = /^(\d{4})-(W?)(\d{2})$/.exec(period)
  if (!m) return null
  const n = Number(m[3])
  if (m[2] ? n < 1 || n > 53 : n < 1 || n > 12) return null
  return { kind: m[2] ? 'week' : 'month', year: Number(m[1]) }
}
