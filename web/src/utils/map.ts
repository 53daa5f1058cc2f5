// Pure helpers of the project map (项目作战地图): marker colours and sizes, what is on screen
// and its totals, the most lagging projects, the shading of units' areas, the map's filters
// in the URL. No Leaflet here, so they are unit-tested.
import type { MapProject } from '@/api/map'
import type { Colour } from '@/api/statuses'
import { STAGES, type Stage } from '@/api/projects'
import { FEN_PER_YI } from './money'
import { emptyProjectFilters, filtersFromQuery, filtersToQuery, type ProjectFilters, type RawQuery } from './project-filters'

export type ColourMode = 'status' | 'stage'
export type ShadeMode = 'none' | 'investment' | 'rate'

/** Red/yellow/green as Element Plus draws them; grey for a project without a status. */
export const STATUS_COLOURS: Record<Colour | 'none', string> = {
  red: '#f56c6c',
  yellow: '#e6a23c',
  green: '#67c23a',
  none: '#909399',
}

export const STAGE_COLOURS: Record<Stage, string> = {
  reserve: '#8c8c8c',
  preparation: '#409eff',
  construction: '#fa8c16',
  completed: '#13c2c2',
  operating: '#52c41a',
  effective: '#722ed1',
  suspended: '#eb2f96',
  cancelled: '#c0c4cc',
}

/** The category a marker is coloured by in a mode. */
export function categoryOf(p: Pick<MapProject, 'colour' | 'stage'>, mode: ColourMode): string {
  return mode === 'status' ? (p.colour ?? 'none') : p.stage
}

/** The categories of a mode, in legend order (worst first for the colours). */
export function categories(mode: ColourMode): string[] {
  return mode === 'status' ? ['red', 'yellow', 'green', 'none'] : [...STAGES]
}

export function categoryColour(category: string, mode: ColourMode): string {
  if (mode === 'status') return STATUS_COLOURS[category as Colour | 'none'] ?? STATUS_COLOURS.none
  return STAGE_COLOURS[category as Stage] ?? STATUS_COLOURS.none
}

/** A marker's radius in pixels from its 总投资: area grows with the amount, 5 px to 20 px. */
export function markerRadius(totalFen: number): number {
  const yi = Math.max(0, totalFen) / FEN_PER_YI
  return Math.min(20, Math.max(5, 5 + 2.2 * Math.sqrt(yi)))
}

/** A cluster's diameter from how many projects it holds. */
export function clusterSize(count: number): number {
  return Math.round(Math.min(64, 30 + 7 * Math.log10(Math.max(1, count)) * 2))
}

/**
 * A CSS conic-gradient of the categories' shares, in `order` (a cluster's ring: how much of it
 * is red, yellow, green).
 */
export function shareGradient(counts: Record<string, number>, order: string[], colourOf: (c: string) => string): string {
  const total = order.reduce((s, c) => s + (counts[c] ?? 0), 0)
  if (total === 0) return colourOf(order[order.length - 1]!)
  let at = 0
  const stops: string[] = []
  for (const c of order) {
    const n = counts[c] ?? 0
    if (!n) continue
    const from = (at / total) * 360
    at += n
    const to = (at / total) * 360
    stops.push(`${colourOf(c)} ${from.toFixed(1)}deg ${to.toFixed(1)}deg`)
  }
  return `conic-gradient(${stops.join(', ')})`
}

export interface Bounds {
  west: number
  south: number
  east: number
  north: number
}

export function inBounds(p: Pick<MapProject, 'lng' | 'lat'>, b: Bounds): boolean {
  return p.lng >= b.west && p.lng <= b.east && p.lat >= b.south && p.lat <= b.north
}

export interface Totals {
  count: number
  total: number
  annualPlan: number
  ytd: number
  colours: Record<Colour | 'none', number>
}

export function totalsOf(items: readonly MapProject[]): Totals {
  const t: Totals = { count: 0, total: 0, annualPlan: 0, ytd: 0, colours: { red: 0, yellow: 0, green: 0, none: 0 } }
  for (const p of items) {
    t.count++
    t.total += p.total
    t.annualPlan += p.annual_plan
    t.ytd += p.ytd
    t.colours[p.colour ?? 'none']++
  }
  return t
}

/** 完成率 as text ("45.0%"), or "—" without a plan. Rounded half away from zero as the server does. */
export function rateText(done: number, plan: number): string {
  if (plan <= 0) return '—'
  const tenths = Math.round((done * 1000) / plan)
  return `${(tenths / 10).toFixed(1)}%`
}

const SEVERITY: Record<string, number> = { red: 0, yellow: 1, green: 2, none: 3 }

/** The list beside the map: worst colour first, then the largest. */
export function sortForList(items: readonly MapProject[]): MapProject[] {
  return [...items].sort(
    (a, b) => SEVERITY[a.colour ?? 'none']! - SEVERITY[b.colour ?? 'none']! || b.total - a.total || a.id - b.id,
  )
}

export interface Lagging {
  project: MapProject
  /** 年度完成率 − 序时进度, in percentage points (negative: behind). */
  gap: number
  rate: number
}

/**
 * The most lagging projects for the big screen: those with an annual plan, red before yellow
 * before the rest, then furthest behind 序时进度.
 */
export function mostLagging(items: readonly MapProject[], schedule: number | null, n = 10): Lagging[] {
  const s = schedule ?? 0
  return items
    .filter((p) => p.annual_plan > 0)
    .map((p) => ({ project: p, rate: (p.ytd / p.annual_plan) * 100, gap: (p.ytd / p.annual_plan - s) * 100 }))
    .sort(
      (a, b) =>
        SEVERITY[a.project.colour ?? 'none']! - SEVERITY[b.project.colour ?? 'none']! || a.gap - b.gap || a.project.id - b.project.id,
    )
    .slice(0, n)
}

/** Per lead unit: projects, 总投资, 年度计划 and 累计完成, for shading the units' areas. */
export function unitFigures(items: readonly MapProject[]): Map<number, Totals> {
  const out = new Map<number, Totals>()
  for (const p of items) {
    if (p.unit_id === null) continue
    let t = out.get(p.unit_id)
    if (!t) {
      t = { count: 0, total: 0, annualPlan: 0, ytd: 0, colours: { red: 0, yellow: 0, green: 0, none: 0 } }
      out.set(p.unit_id, t)
    }
    t.count++
    t.total += p.total
    t.annualPlan += p.annual_plan
    t.ytd += p.ytd
    t.colours[p.colour ?? 'none']++
  }
  return out
}

/** A unit's value for shading: 总投资 (分) or 年度完成率 (a fraction); null when it has none. */
export function shadeValue(t: Totals | undefined, mode: ShadeMode): number | null {
  if (!t || mode === 'none') return null
  if (mode === 'investment') return t.total
  return t.annualPlan > 0 ? t.ytd / t.annualPlan : null
}

/**
 * A fill colour for `value` between `min` and `max`: light to deep blue for investment; red
 * (behind) to green (ahead) for the completion rate. Grey for no value.
 */
export function shadeColour(value: number | null, min: number, max: number, mode: ShadeMode): string {
  if (value === null || mode === 'none') return '#dcdfe6'
  const t = max > min ? (value - min) / (max - min) : 1
  const clamp = Math.max(0, Math.min(1, t))
  if (mode === 'investment') {
    const light = [222, 235, 247], deep = [33, 102, 172]
    const c = light.map((l, i) => Math.round(l + (deep[i]! - l) * clamp))
    return `rgb(${c[0]}, ${c[1]}, ${c[2]})`
  }
  const red = [245, 108, 108], amber = [230, 162, 60], green = [103, 194, 58]
  const [a, b, u] = clamp < 0.5 ? [red, amber, clamp * 2] : [amber, green, (clamp - 0.5) * 2]
  const c = a.map((x, i) => Math.round(x + (b[i]! - x) * u))
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`
}

/** The map page's state in its URL: the project list's filters plus colour, year and modes. */
export interface MapFilters {
  filters: ProjectFilters
  colour: Colour[]
  year: number | null
  mode: ColourMode
  shade: ShadeMode
}

const COLOUR_VALUES: readonly Colour[] = ['red', 'yellow', 'green']

export function mapFiltersFromQuery(query: RawQuery): MapFilters {
  const filters = filtersFromQuery(query)
  const raw = (k: string) => {
    const v = query[k]
    return (Array.isArray(v) ? v.join(',') : (v ?? '')) as string
  }
  const colour = raw('colour')
    .split(',')
    .map((c) => c.trim())
    .filter((c, i, all): c is Colour => (COLOUR_VALUES as readonly string[]).includes(c) && all.indexOf(c) === i)
  const y = Number(raw('year'))
  const mode = raw('mode') === 'stage' ? 'stage' : 'status'
  const shadeRaw = raw('shade')
  const shade: ShadeMode = shadeRaw === 'investment' || shadeRaw === 'rate' ? shadeRaw : 'none'
  return { filters, colour, year: Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : null, mode, shade }
}

/** The URL query (and, without mode/shade, the API query) of the map's state. */
export function mapFiltersToQuery(m: MapFilters, withView = true): Record<string, string> {
  const { page: _p, page_size: _s, sort: _o, ...q } = filtersToQuery({ ...m.filters, page: 1, page_size: emptyProjectFilters().page_size, sort: '' })
  const out: Record<string, string> = { ...q }
  if (m.colour.length) out.colour = m.colour.join(',')
  if (m.year !== null) out.year = String(m.year)
  if (withView && m.mode !== 'status') out.mode = m.mode
  if (withView && m.shade !== 'none') out.shade = m.shade
  return out
}
