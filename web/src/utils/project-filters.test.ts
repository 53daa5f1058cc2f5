import { describe, expect, it } from 'vitest'
import {
  advancedFilterCount,
  emptyProjectFilters,
  filtersFromQuery,
  filtersFromQueryString,
  filtersToQuery,
  filtersToQueryString,
} from './project-filters'
import { wanToFen } from './money'

describe('project filters ↔ URL query', () => {
  it('leaves defaults out of the query', () => {
    expect(filtersToQuery(emptyProjectFilters())).toEqual({})
    expect(filtersFromQuery({})).toEqual(emptyProjectFilters())
  })

  it('round-trips every filter with the API names, totals in 分', () => {
    const f = {
      ...emptyProjectFilters(),
      q: '污水',
      unit_id: [20, 4],
      level: ['city' as const, 'province' as const],
      stage: ['construction' as const],
      category_id: [2],
      industry_id: [13, 14],
      nature_id: [23],
      tag_id: [30],
      star_min: 3,
      registered: false,
      total_min: wanToFen('500')!,
      total_max: wanToFen('12000.5')!,
      planned_start_from: '2024-01',
      planned_start_to: '2025-12',
      mine: true,
      sort: '-total_investment',
      page: 3,
      page_size: 50,
    }
    const query = filtersToQuery(f)
    expect(query).toEqual({
      q: '污水',
      unit_id: '20,4',
      level: 'city,province',
      stage: 'construction',
      category_id: '2',
      industry_id: '13,14',
      nature_id: '23',
      tag_id: '30',
      star_min: '3',
      registered: 'false',
      total_min: '500000000',
      total_max: '12000500000',
      planned_start_from: '2024-01',
      planned_start_to: '2025-12',
      mine: '1',
      sort: '-total_investment',
      page: '3',
      page_size: '50',
    })
    expect(filtersFromQuery(query)).toEqual(f)
  })

  it('reads repeated parameters as well as comma lists, without duplicates', () => {
    const f = filtersFromQuery({ unit_id: ['3', '5,3'], level: ['city', 'city'] })
    expect(f.unit_id).toEqual([3, 5])
    expect(f.level).toEqual(['city'])
  })

  it('drops malformed values instead of guessing', () => {
    const f = filtersFromQuery({
      unit_id: 'x,0,-2,7',
      level: 'national',
      stage: 'construction,flying',
      star_min: '9',
      registered: 'maybe',
      total_min: '-5',
      total_max: '1.5',
      planned_start_from: '2024-13',
      planned_start_to: '2024-1',
      sort: '-password',
      page: '0',
      page_size: '30',
    })
    expect(f).toEqual({ ...emptyProjectFilters(), unit_id: [7], stage: ['construction'] })
  })

  it('keeps a search text whole, commas and all', () => {
    expect(filtersFromQuery({ q: ' 路,桥 ' }).q).toBe('路,桥')
    expect(filtersToQuery({ ...emptyProjectFilters(), q: '  ' })).toEqual({})
  })

  it('accepts registered as 1/0 and sort keys in both directions', () => {
    expect(filtersFromQuery({ registered: '1' }).registered).toBe(true)
    expect(filtersFromQuery({ registered: '0' }).registered).toBe(false)
    expect(filtersFromQuery({ sort: 'planned_start' }).sort).toBe('planned_start')
    expect(filtersFromQuery({ sort: '-name' }).sort).toBe('-name')
  })

  it('saves and reads back a filter as a query string without paging', () => {
    const f = { ...emptyProjectFilters(), q: '城东 改造', level: ['district' as const], page: 4, page_size: 100 }
    const text = filtersToQueryString(f)
    expect(text).toBe('q=%E5%9F%8E%E4%B8%9C+%E6%94%B9%E9%80%A0&level=district')
    expect(filtersFromQueryString(text)).toEqual({ ...f, page: 1, page_size: 20 })
    expect(filtersFromQueryString('?unit_id=1&unit_id=2').unit_id).toEqual([1, 2])
  })

  it('counts the folded filters', () => {
    expect(advancedFilterCount(emptyProjectFilters())).toBe(0)
    expect(advancedFilterCount({ ...emptyProjectFilters(), q: 'x', level: ['city'] })).toBe(0)
    expect(advancedFilterCount({ ...emptyProjectFilters(), tag_id: [1], total_max: 5, registered: true })).toBe(3)
  })
})
