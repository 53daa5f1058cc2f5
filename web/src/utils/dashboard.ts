// The dashboard's filters ↔ the page URL (the drill-down page reads the same query), its
// money figures in 万元 or 亿元, and the names of its figures.
import type { LocationQuery } from 'vue-router'
import { LEVELS, type Level } from '@/api/projects'
import type { DashboardFilters } from '@/api/dashboard'
import { FEN_PER_YI, fenToWan, fenToYi } from './money'
import { first, positiveInt } from './query'


export function emptyDashboardFilters(): DashboardFilters {
  return { period: '', level: '', star_min: null, unit_id: null }
}

/** The filters in a URL query, dropping what is malformed. */
export function dashboardFiltersFromQuery(query: LocationQuery): DashboardFilters {
  const period = first(query.period)
  const level = first(query.level)
  return {
    period: /^\d{4}-(0[1-9]|1[0-2])$/.test(period) ? period : '',
    level: (LEVELS as readonly string[]).includes(level) ? (level as Level) : '',
    star_min: positiveInt(first(query.star_min), 5),
    unit_id: positiveInt(first(query.unit_id)),
  }
}

/** The URL query of the filters, in a fixed order, empty ones left out. */
export function dashboardFiltersToQuery(f: DashboardFilters): Record<string, string> {
  const q: Record<string, string> = {}
  if (f.period) q.period = f.period
  if (f.level) q.level = f.level
  if (f.star_min) q.star_min = String(f.star_min)
  if (f.unit_id) q.unit_id = String(f.unit_id)
  return q
}

/** A money figure for a card: 亿元 from 1 亿元 up, else 万元. */
export function moneyFigure(fen: number): { amount: string; unit: 'wan' | 'yi' } {
  return Math.abs(fen) >= FEN_PER_YI ? { amount: fenToYi(fen), unit: 'yi' } : { amount: fenToWan(fen), unit: 'wan' }
}

const FIXED_FIGURES = new Set([
  'all',
  'lagging',
  'colour.green',
  'colour.yellow',
  'colour.red',
  'rate.start.due',
  'rate.start.done',
  'rate.completion.due',
  'rate.completion.done',
  'rate.stats.due',
  'rate.stats.done',
  'stats.gap',
  'reserve',
  'construction',
])

/** The i18n key (under drill.figures) of a figure with a fixed name, or null for a group. */
export function fixedFigureKey(figure: string): string | null {
  return FIXED_FIGURES.has(figure) ? `drill.figures.${figure.replace(/\./g, '_')}` : null
}

/** The group list a group figure ("level.province", "unit.12") belongs to. */
export function figureGroup(figure: string): 'by_level' | 'by_star' | 'by_category' | 'by_unit' | 'by_stage' | null {
  const prefix = figure.split('.')[0]
  const groups = { level: 'by_level', star: 'by_star', category: 'by_category', unit: 'by_unit', stage: 'by_stage' } as const
  return groups[prefix as keyof typeof groups] ?? null
}

/** 红黄绿 on charts; the same hues as Element Plus's success, warning and danger. */
export const COLOUR_HEX = { green: '#67c23a', yellow: '#e6a23c', red: '#f56c6c' } as const
