import { describe, expect, it } from 'vitest'
import type { MapProject } from '@/api/map'
import {
  categoryOf,
  inBounds,
  mapFiltersFromQuery,
  mapFiltersToQuery,
  markerRadius,
  mostLagging,
  rateText,
  shadeColour,
  shadeValue,
  shareGradient,
  sortForList,
  totalsOf,
  unitFigures,
} from './map'

const WAN = 1_000_000
const p = (id: number, over: Partial<MapProject> = {}): MapProject => ({
  id, name: `项目${id}`, lng: 113.71, lat: 34.72, colour: 'green', stage: 'construction',
  total: 10000 * WAN, annual_plan: 1000 * WAN, ytd: 500 * WAN, unit_id: 1, ...over,
})

describe('map helpers', () => {
  it('sizes markers by 总投资 within bounds', () => {
    expect(markerRadius(0)).toBe(5)
    expect(markerRadius(600 * WAN)).toBeGreaterThan(5)
    expect(markerRadius(10 * 10000 * WAN)).toBeGreaterThan(markerRadius(1 * 10000 * WAN))
    expect(markerRadius(500 * 10000 * WAN)).toBe(20)
  })

  it('colours by status or by stage', () => {
    expect(categoryOf(p(1, { colour: 'red' }), 'status')).toBe('red')
    expect(categoryOf(p(1, { colour: null, stage: 'cancelled' }), 'status')).toBe('none')
    expect(categoryOf(p(1, { stage: 'preparation' }), 'stage')).toBe('preparation')
  })

  it('draws a cluster ring in shares of its colours', () => {
    const g = shareGradient({ red: 1, yellow: 1, green: 2 }, ['red', 'yellow', 'green', 'none'], (c) => c)
    expect(g).toBe('conic-gradient(red 0.0deg 90.0deg, yellow 90.0deg 180.0deg, green 180.0deg 360.0deg)')
  })

  it('totals what is on screen', () => {
    const items = [p(1), p(2, { colour: 'red', total: 2000 * WAN, annual_plan: 0, ytd: 0 }), p(3, { lng: 120 })]
    const bounds = { west: 113, south: 34, east: 114, north: 35 }
    const visible = items.filter((i) => inBounds(i, bounds))
    const t = totalsOf(visible)
    expect(t.count).toBe(2)
    expect(t.total).toBe(12000 * WAN)
    expect(t.annualPlan).toBe(1000 * WAN)
    expect(t.ytd).toBe(500 * WAN)
    expect(t.colours).toEqual({ red: 1, yellow: 0, green: 1, none: 0 })
    expect(rateText(t.ytd, t.annualPlan)).toBe('50.0%')
    expect(rateText(1, 0)).toBe('—')
    expect(rateText(1, 3)).toBe('33.3%')
    expect(rateText(2, 3)).toBe('66.7%')
  })

  it('lists the worst first and picks the most lagging by colour then gap', () => {
    const items = [p(1, { colour: 'yellow', ytd: 300 * WAN }), p(2, { colour: 'red', ytd: 100 * WAN }),
      p(3, { colour: 'red', ytd: 50 * WAN }), p(4, { annual_plan: 0, colour: 'red' }), p(5)]
    // Red (equal totals: by id), then yellow, then green; a larger project first within a colour.
    expect(sortForList(items).map((i) => i.id)).toEqual([2, 3, 4, 1, 5])
    expect(sortForList([p(1), p(2, { total: 20000 * WAN })]).map((i) => i.id)).toEqual([2, 1])
    const lag = mostLagging(items, 0.5, 3)
    expect(lag.map((l) => l.project.id)).toEqual([3, 2, 1])
    expect(lag[0]!.gap).toBeCloseTo(-45)
    expect(lag[0]!.rate).toBeCloseTo(5)
  })

  it('shades units by investment or completion rate', () => {
    const f = unitFigures([p(1), p(2, { unit_id: 2, ytd: 0 }), p(3, { unit_id: null })])
    expect(f.get(1)!.count).toBe(1)
    expect(shadeValue(f.get(1), 'investment')).toBe(10000 * WAN)
    expect(shadeValue(f.get(2), 'rate')).toBe(0)
    expect(shadeValue(undefined, 'rate')).toBeNull()
    expect(shadeColour(0, 0, 1, 'rate')).toBe('rgb(245, 108, 108)')
    expect(shadeColour(1, 0, 1, 'rate')).toBe('rgb(103, 194, 58)')
    expect(shadeColour(null, 0, 1, 'investment')).toBe('#dcdfe6')
  })

  it('keeps its filters in the URL', () => {
    const m = mapFiltersFromQuery({ unit_id: '3,5', level: 'city', colour: 'red,blue,red', year: '2025', mode: 'stage', shade: 'rate' })
    expect(m.filters.unit_id).toEqual([3, 5])
    expect(m.colour).toEqual(['red'])
    expect(m.year).toBe(2025)
    expect(mapFiltersToQuery(m)).toEqual({ unit_id: '3,5', level: 'city', colour: 'red', year: '2025', mode: 'stage', shade: 'rate' })
    expect(mapFiltersToQuery(m, false)).toEqual({ unit_id: '3,5', level: 'city', colour: 'red', year: '2025' })
    expect(mapFiltersFromQuery({}).mode).toBe('status')
  })
})
