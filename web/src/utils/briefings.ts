// Briefings (专报/通报/通知): the list's filters ↔ its page URL, a document's chart as an
// ECharts option, editing a template body at the cursor, and small display helpers.
import type { LocationQuery } from 'vue-router'
import { BRIEFING_KINDS, BRIEFING_STATES, type BriefingDocumentData, type BriefingKind, type BriefingState, type DocBlock, type DocChart } from '@/api/briefings'
import { first, positiveInt } from './query'

export const BRIEFING_PAGE_SIZES = [20, 50, 100] as const

const oneOf = <T extends string>(values: readonly T[], text: string): T | '' => ((values as readonly string[]).includes(text) ? (text as T) : '')

export interface BriefingFilters {
  state: BriefingState | ''
  kind: BriefingKind | ''
  year: number | null
  q: string
  page: number
  page_size: number
}

export function briefingFiltersFromQuery(query: LocationQuery): BriefingFilters {
  const size = positiveInt(first(query.page_size))
  const year = positiveInt(first(query.year))
  return {
    state: oneOf(BRIEFING_STATES, first(query.state)),
    kind: oneOf(BRIEFING_KINDS, first(query.kind)),
    year: year !== null && year >= 2000 && year <= 2100 ? year : null,
    q: first(query.q).trim(),
    page: positiveInt(first(query.page)) ?? 1,
    page_size: size !== null && (BRIEFING_PAGE_SIZES as readonly number[]).includes(size) ? size : 20,
  }
}

/** The URL query (the API's parameter names): defaults left out. */
export function briefingFiltersToQuery(f: BriefingFilters): Record<string, string> {
  const q: Record<string, string> = {}
  if (f.state) q.state = f.state
  if (f.kind) q.kind = f.kind
  if (f.year) q.year = String(f.year)
  if (f.q) q.q = f.q
  if (f.page > 1) q.page = String(f.page)
  if (f.page_size !== 20) q.page_size = String(f.page_size)
  return q
}

/** "2026-11-03 10:15:00" (or ISO) → "2026-11-03 10:15". */
export function minuteText(time: string | null | undefined): string {
  if (!time) return ''
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})/.exec(time)
  return m ? `${m[1]} ${m[2]}` : time
}

/** The month before the one `today` ("YYYY-MM-DD") is in: the last ended month, "2026-10". */
export function lastEndedMonth(today: string): string {
  const y = Number(today.slice(0, 4))
  const m = Number(today.slice(5, 7))
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

/** Inserts `text` over the selection [start, end) of `value`; the cursor lands after it. */
export function insertAt(value: string, start: number, end: number, text: string): { value: string; cursor: number } {
  const s = Math.max(0, Math.min(start, value.length))
  const e = Math.max(s, Math.min(end, value.length))
  return { value: value.slice(0, s) + text + value.slice(e), cursor: s + text.length }
}

/**
 * A marker that must stand on a line of its own ([表:名], [图:名]): newlines are added before
 * and after where the cursor is not already at a line's start or end.
 */
export function ownLine(value: string, start: number, end: number, marker: string): string {
  const before = start > 0 && value[start - 1] !== '\n' ? '\n' : ''
  const after = end < value.length && value[end] !== '\n' ? '\n' : ''
  return before + marker + after
}

/** A copy of the document whose paragraph and heading texts can be edited without touching the original. */
export function cloneDocument(doc: BriefingDocumentData): BriefingDocumentData {
  return JSON.parse(JSON.stringify(doc)) as BriefingDocumentData
}

/** Whether a block's text can be edited inline (paragraphs and headings). */
export function isTextBlock(block: DocBlock): block is Extract<DocBlock, { kind: 'heading' | 'paragraph' }> {
  return block.kind === 'heading' || block.kind === 'paragraph'
}

/**
 * A document chart as an ECharts option: one bar series per series, categories on the x
 * axis (labels turned when there are many), the unit on the value axis, a legend when there
 * is more than one series. Animation is off so the preview prints as it shows.
 */
export function docChartOption(chart: DocChart): Record<string, unknown> {
  const many = chart.categories.length > 6
  return {
    animation: false,
    color: ['#c23531', '#2f4554', '#61a0a8', '#d48265', '#91c7ae', '#749f83'],
    tooltip: { trigger: 'axis' },
    legend: chart.series.length > 1 ? { top: 0 } : undefined,
    grid: { left: 48, right: 16, top: chart.series.length > 1 ? 32 : 24, bottom: many ? 72 : 32, containLabel: false },
    xAxis: { type: 'category', data: [...chart.categories], axisLabel: { interval: 0, rotate: many ? 35 : 0 } },
    yAxis: { type: 'value', name: chart.unit },
    series: chart.series.map((s) => ({ type: 'bar', name: s.name, data: [...s.values], barMaxWidth: 36 })),
  }
}

/** "3/10" for 已读 x/y. */
export function readRatio(read: number, total: number): string {
  return `${read}/${total}`
}
