import { describe, expect, it } from 'vitest'
import { statusFiltersFromQuery, statusFiltersToQuery, warningFiltersFromQuery, warningFiltersToQuery } from './warning-filters'

describe('status list filters', () => {
  it('reads repeated colours in a fixed order and drops unknown values', () => {
    const f = statusFiltersFromQuery({ colour: ['red', 'blue', 'green'], level: 'city', period: '2026-11', page: '2' })
    expect(f).toEqual({ period: '2026-11', colour: ['green', 'red'], level: 'city', unit_id: null, q: '', page: 2, page_size: 20 })
    expect(statusFiltersToQuery(f)).toEqual({ period: '2026-11', colour: 'green,red', level: 'city', page: '2' })
  })
  it('reads a comma-joined list', () => {
    expect(statusFiltersFromQuery({ colour: 'red,yellow' }).colour).toEqual(['yellow', 'red'])
  })
  it('leaves defaults out of the URL', () => {
    expect(statusFiltersToQuery(statusFiltersFromQuery({ page_size: '33', period: '2026-1' }))).toEqual({})
  })
})

describe('warning centre filters', () => {
  it('defaults to the open warnings and keeps only yellow and red', () => {
    const f = warningFiltersFromQuery({ colour: ['green', 'yellow'], metric: 'stats', q: ' 小学 ' })
    expect(f).toEqual({ state: 'open', colour: ['yellow'], metric: 'stats', unit_id: null, q: '小学', page: 1, page_size: 20 })
    expect(warningFiltersToQuery(f)).toEqual({ colour: 'yellow', metric: 'stats', q: '小学' })
    expect(warningFiltersToQuery(warningFiltersFromQuery({ state: 'closed', metric: 'nope' }))).toEqual({ state: 'closed' })
  })
})
