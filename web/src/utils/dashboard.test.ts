import { describe, expect, it } from 'vitest'
import { dashboardFiltersFromQuery, dashboardFiltersToQuery, figureGroup, fixedFigureKey, moneyFigure } from './dashboard'

describe('dashboard filters in the URL', () => {
  it('reads what is well formed and drops the rest', () => {
    expect(dashboardFiltersFromQuery({ period: '2026-06', level: 'city', star_min: '3', unit_id: '12' })).toEqual({
      period: '2026-06',
      level: 'city',
      star_min: 3,
      unit_id: 12,
    })
    expect(dashboardFiltersFromQuery({ period: '2026-13', level: 'town', star_min: '6', unit_id: '-1' })).toEqual({
      period: '',
      level: '',
      star_min: null,
      unit_id: null,
    })
  })
  it('round-trips, leaving empty filters out', () => {
    const f = { period: '2025-12', level: 'province' as const, star_min: null, unit_id: 7 }
    expect(dashboardFiltersToQuery(f)).toEqual({ period: '2025-12', level: 'province', unit_id: '7' })
    expect(dashboardFiltersFromQuery(dashboardFiltersToQuery(f))).toEqual(f)
    expect(dashboardFiltersToQuery({ period: '', level: '', star_min: null, unit_id: null })).toEqual({})
  })
})

describe('moneyFigure', () => {
  it('shows 万元 below 1 亿元 and 亿元 from there', () => {
    expect(moneyFigure(9_999_000_000)).toEqual({ amount: '9,999.00', unit: 'wan' })
    expect(moneyFigure(10_000_000_000)).toEqual({ amount: '1.00', unit: 'yi' })
    expect(moneyFigure(2_363_000_000_000)).toEqual({ amount: '236.30', unit: 'yi' })
  })
})

describe('figure names', () => {
  it('names fixed figures and finds the group of the others', () => {
    expect(fixedFigureKey('stats.gap')).toBe('drill.figures.stats_gap')
    expect(fixedFigureKey('rate.start.due')).toBe('drill.figures.rate_start_due')
    expect(fixedFigureKey('unit.12')).toBeNull()
    expect(figureGroup('unit.12')).toBe('by_unit')
    expect(figureGroup('category.none')).toBe('by_category')
    expect(figureGroup('colour.red')).toBeNull()
  })
})
