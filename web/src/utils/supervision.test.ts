import { describe, expect, it } from 'vitest'
import { deadlineNote, fileSize, supervisionApiQuery, supervisionFiltersFromQuery, supervisionFiltersToQuery } from './supervision'

describe('supervision filters', () => {
  it('reads the URL, dropping what is malformed, and writes it back without defaults', () => {
    const f = supervisionFiltersFromQuery({
      status: 'in_progress,returned,bogus',
      overdue: '1',
      unit_id: '12',
      source: 'report',
      category: '用地',
      project_id: 'x',
      q: ' 用地指标 ',
      page: '0',
      page_size: '33',
    })
    expect(f).toMatchObject({ status: ['in_progress', 'returned'], overdue: true, due_soon: false, unit_id: 12, source: 'report', category: '用地', project_id: null, q: '用地指标', page: 1, page_size: 20 })
    expect(supervisionFiltersToQuery(f)).toEqual({ status: 'in_progress,returned', overdue: '1', unit_id: '12', category: '用地', source: 'report', q: '用地指标' })
  })

  it('sends the statuses to the API as a repeated key, without paging', () => {
    const f = supervisionFiltersFromQuery({ status: 'pending_receipt,in_progress', page: '3' })
    expect(supervisionApiQuery(f)).toEqual({ status: ['pending_receipt', 'in_progress'] })
  })
})

describe('deadlineNote', () => {
  const open = { status: 'in_progress' as const, overdue: false, overdue_days: 0, days_left: 5, due_soon: false, closed_on_time: null }
  it('says how many days are left, or how late an item is', () => {
    expect(deadlineNote(open)).toEqual({ key: 'daysLeft', n: 5, tone: 'muted' })
    expect(deadlineNote({ ...open, days_left: 2, due_soon: true })).toEqual({ key: 'daysLeft', n: 2, tone: 'warning' })
    expect(deadlineNote({ ...open, days_left: 0 })).toEqual({ key: 'dueToday', n: 0, tone: 'warning' })
    expect(deadlineNote({ ...open, overdue: true, overdue_days: 3, days_left: -3 })).toEqual({ key: 'overdueDays', n: 3, tone: 'danger' })
  })
  it('says whether a closed item was on time, and nothing for a cancelled one', () => {
    expect(deadlineNote({ ...open, status: 'done', days_left: null, closed_on_time: true })?.key).toBe('closedOnTime')
    expect(deadlineNote({ ...open, status: 'done', days_left: null, closed_on_time: false })?.key).toBe('closedLate')
    expect(deadlineNote({ ...open, status: 'cancelled', days_left: null })).toBeNull()
  })
})

describe('fileSize', () => {
  it('reads in B, KB and MB', () => {
    expect(fileSize(500)).toBe('500 B')
    expect(fileSize(2048)).toBe('2 KB')
    expect(fileSize(5 * 1024 * 1024 + 300000)).toBe('5.3 MB')
  })
})
