import { describe, expect, it } from 'vitest'
import { briefingFiltersFromQuery, briefingFiltersToQuery, docChartOption, insertAt, lastEndedMonth, minuteText, ownLine } from './briefings'

describe('briefing filters', () => {
  it('reads the URL, dropping what is malformed', () => {
    expect(briefingFiltersFromQuery({ state: 'published', kind: 'bogus', year: '2026', q: ' 专报 ', page: '2', page_size: '7' })).toEqual({
      state: 'published',
      kind: '',
      year: 2026,
      q: '专报',
      page: 2,
      page_size: 20,
    })
  })
  it('round-trips and leaves defaults out', () => {
    const f = briefingFiltersFromQuery({ kind: 'notice', year: '2025', page_size: '50' })
    expect(briefingFiltersToQuery(f)).toEqual({ kind: 'notice', year: '2025', page_size: '50' })
    expect(briefingFiltersToQuery(briefingFiltersFromQuery({}))).toEqual({})
  })
})

describe('minuteText and lastEndedMonth', () => {
  it('cuts seconds', () => {
    expect(minuteText('2026-11-03 10:15:00')).toBe('2026-11-03 10:15')
    expect(minuteText('2026-11-03T10:15:00+08:00')).toBe('2026-11-03 10:15')
    expect(minuteText(null)).toBe('')
  })
  it('steps back over a year end', () => {
    expect(lastEndedMonth('2026-11-05')).toBe('2026-10')
    expect(lastEndedMonth('2027-01-02')).toBe('2026-12')
  })
})

describe('template body editing', () => {
  it('inserts at the cursor, replacing the selection', () => {
    expect(insertAt('共计个项目', 2, 2, '{{项目总数}}')).toEqual({ value: '共计{{项目总数}}个项目', cursor: 10 })
    expect(insertAt('abcdef', 1, 3, 'X')).toEqual({ value: 'aXdef', cursor: 2 })
  })
  it('puts a marker on a line of its own', () => {
    expect(ownLine('前文后文', 2, 2, '[表:地区汇总]')).toBe('\n[表:地区汇总]\n')
    expect(ownLine('前文\n', 3, 3, '[图:地区投资]')).toBe('[图:地区投资]')
  })
})

describe('docChartOption', () => {
  it('draws one bar series per series over the categories', () => {
    const o = docChartOption({ title: '分地区投资', unit: '万元', categories: ['甲街道', '乙街道'], series: [{ name: '累计完成', values: [12.5, 30] }] }) as {
      xAxis: { data: string[] }
      yAxis: { name: string }
      series: { type: string; name: string; data: number[] }[]
      legend?: unknown
    }
    expect(o.xAxis.data).toEqual(['甲街道', '乙街道'])
    expect(o.yAxis.name).toBe('万元')
    expect(o.series).toEqual([{ type: 'bar', name: '累计完成', data: [12.5, 30], barMaxWidth: 36 }])
    expect(o.legend).toBeUndefined()
  })
})
