import { describe, expect, it } from 'vitest'
import type { ReportFields } from '@/api/reports'
import {
  draftOf,
  errorsByProject,
  isChanged,
  isEditable,
  isNegative,
  isoWeekStart,
  parsePeriod,
  periodStarted,
  photosEditable,
  readDraft,
  shouldSend,
} from './report-grid'

const WAN = 1_000_000

const saved: ReportFields = {
  amount: 320 * WAN + 500_000,
  correction: false,
  correction_reason: null,
  progress_text: '完成3栋楼外墙保温',
  physical_percent: 30,
  problems: null,
  stats_amount: null,
}

describe('draftOf', () => {
  it('shows a report as the inputs hold it: 万元 text, exact to the 分', () => {
    expect(draftOf(saved)).toEqual({
      amount: '320.5',
      correction: false,
      correction_reason: '',
      progress_text: '完成3栋楼外墙保温',
      physical_percent: '30',
      problems: '',
      stats_amount: '',
    })
  })
  it('leaves every input empty for a project not reported yet', () => {
    expect(draftOf(null)).toEqual({
      amount: '', correction: false, correction_reason: '', progress_text: '', physical_percent: '', problems: '', stats_amount: '',
    })
  })
})

describe('isChanged', () => {
  const original = draftOf(saved)
  it('compares amounts as money, text without surrounding blanks', () => {
    expect(isChanged({ ...original, amount: '320.50' }, original)).toBe(false)
    expect(isChanged({ ...original, amount: '320.500001' }, original)).toBe(true)
    expect(isChanged({ ...original, progress_text: ' 完成3栋楼外墙保温 ' }, original)).toBe(false)
    expect(isChanged({ ...original, physical_percent: '35' }, original)).toBe(true)
    expect(isChanged({ ...original, correction: true }, original)).toBe(true)
  })
  it('sees an amount typed into an empty row, and one cleared', () => {
    expect(isChanged({ ...draftOf(null), amount: '0' }, draftOf(null))).toBe(true)
    expect(isChanged({ ...original, amount: '' }, original)).toBe(true)
    expect(isChanged({ ...original, amount: 'abc' }, original)).toBe(true)
  })
})

describe('readDraft', () => {
  it('turns the inputs into the fields of a batch item', () => {
    const d = { ...draftOf(null), amount: '1,234.5', physical_percent: ' 40 ', progress_text: ' 主体封顶 ', stats_amount: '1000' }
    expect(readDraft(d)).toEqual({
      fields: {
        amount: 1234 * WAN + 500_000,
        correction: false,
        correction_reason: null,
        progress_text: '主体封顶',
        physical_percent: 40,
        problems: null,
        stats_amount: 1000 * WAN,
      },
    })
  })
  it('sends the reason of a correction only when it is marked', () => {
    const d = { ...draftOf(null), amount: '-20', correction_reason: '多报了监理费' }
    expect(readDraft(d)).toMatchObject({ fields: { amount: -20 * WAN, correction: false, correction_reason: null } })
    expect(readDraft({ ...d, correction: true })).toMatchObject({ fields: { correction: true, correction_reason: '多报了监理费' } })
    expect(isNegative(d)).toBe(true)
    expect(isNegative({ ...d, amount: '0' })).toBe(false)
  })
  it('names what is wrong before anything is sent', () => {
    expect(readDraft(draftOf(null))).toEqual({ errors: { amount: 'amountRequired' } })
    expect(readDraft({ ...draftOf(null), amount: '12.3万', physical_percent: '33.3', stats_amount: '-1' })).toEqual({
      errors: { amount: 'amountFormat', physical_percent: 'percentFormat', stats_amount: 'statsFormat' },
    })
  })
})

describe('which rows are sent', () => {
  it('a save sends what changed, a submit also drafts and returned reports', () => {
    expect(shouldSend('none', false, true)).toBe(false)
    expect(shouldSend('none', true, false)).toBe(true)
    expect(shouldSend('draft', false, false)).toBe(false)
    expect(shouldSend('draft', false, true)).toBe(true)
    expect(shouldSend('returned', false, true)).toBe(true)
    expect(shouldSend('accepted', false, true)).toBe(false)
    expect(shouldSend('accepted', true, false)).toBe(true)
    expect(shouldSend('submitted', true, true)).toBe(false)
  })
  it('a report waiting for review and a locked period are read-only', () => {
    expect(isEditable('submitted', false, true)).toBe(false)
    expect(isEditable('returned', false, true)).toBe(true)
    expect(isEditable('accepted', true, true)).toBe(false)
    expect(isEditable('none', false, false)).toBe(false)
  })
  it('photos change only on a saved draft or a returned report in an open period', () => {
    expect(photosEditable('draft', false, true)).toBe(true)
    expect(photosEditable('returned', false, true)).toBe(true)
    expect(photosEditable('none', false, true)).toBe(false)
    expect(photosEditable('submitted', false, true)).toBe(false)
    expect(photosEditable('accepted', false, true)).toBe(false)
    expect(photosEditable('draft', true, true)).toBe(false)
    expect(photosEditable('draft', false, false)).toBe(false)
  })
})

describe('errorsByProject', () => {
  it('puts "items.N.field" on the project sent as item N', () => {
    const errors = errorsByProject(
      { 'items.1.amount': '负数须勾选冲减', 'items.2.physical_percent': '应在 0 到 100 之间', 'items.1.correction_reason': '必填', items: '应为非空数组' },
      [11, 22, 33],
    )
    expect(errors.get(22)).toEqual({ amount: '负数须勾选冲减', correction_reason: '必填' })
    expect(errors.get(33)).toEqual({ physical_percent: '应在 0 到 100 之间' })
    expect(errors.get(0)).toEqual({ general: '应为非空数组' })
    expect(errors.has(11)).toBe(false)
  })
})

describe('periods', () => {
  it('finds the Monday of an ISO week', () => {
    expect(isoWeekStart(2026, 1).toDateString()).toBe(new Date(2025, 11, 29).toDateString())
    expect(isoWeekStart(2026, 9).toDateString()).toBe(new Date(2026, 1, 23).toDateString())
    expect(isoWeekStart(2021, 1).toDateString()).toBe(new Date(2021, 0, 4).toDateString())
  })
  it('knows which periods have begun', () => {
    const today = new Date(2026, 10, 23)
    expect(periodStarted('2026-10', today)).toBe(true)
    expect(periodStarted('2026-11', today)).toBe(true)
    expect(periodStarted('2026-12', today)).toBe(false)
    expect(periodStarted('2026-W48', today)).toBe(true)
    expect(periodStarted('2026-W49', today)).toBe(false)
  })
  it('parses period keys', () => {
    expect(parsePeriod('2026-10')).toEqual({ kind: 'month', year: 2026 })
    expect(parsePeriod('2026-W09')).toEqual({ kind: 'week', year: 2026 })
    expect(parsePeriod('2026-13')).toBeNull()
    expect(parsePeriod('2026-W54')).toBeNull()
    expect(parsePeriod('x')).toBeNull()
  })
})
