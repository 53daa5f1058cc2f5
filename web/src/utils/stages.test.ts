import { describe, expect, it } from 'vitest'
import { allowedTransitions, isCompletedStage, isStartedStage, transitionNeedsReason } from './stages'

const targets = (...args: Parameters<typeof allowedTransitions>) => allowedTransitions(...args).map((t) => `${t.kind}:${t.to}`)

describe('allowedTransitions', () => {
  it('offers the next main-line stage plus 停缓建 and 取消 from an active stage', () => {
    expect(targets('reserve', null)).toEqual(['advance:preparation', 'suspend:suspended', 'cancel:cancelled'])
    expect(targets('construction', null)).toEqual(['advance:completed', 'suspend:suspended', 'cancel:cancelled'])
    expect(targets('operating', null)).toEqual(['advance:effective', 'suspend:suspended', 'cancel:cancelled'])
  })
  it('ends the line at 达效 and 取消', () => {
    expect(targets('effective', null)).toEqual([])
    expect(targets('cancelled', null)).toEqual([])
  })
  it('resumes a suspended project to the stage it left, or cancels it', () => {
    expect(targets('suspended', 'construction')).toEqual(['resume:construction', 'cancel:cancelled'])
    expect(targets('suspended', null)).toEqual(['cancel:cancelled'])
  })
  it('asks for a reason except for a step forward', () => {
    expect(transitionNeedsReason('advance')).toBe(false)
    expect(transitionNeedsReason('suspend')).toBe(true)
    expect(transitionNeedsReason('cancel')).toBe(true)
    expect(transitionNeedsReason('resume')).toBe(true)
  })
})

describe('started and completed stages', () => {
  it('know which stages carry actual dates', () => {
    expect(['reserve', 'preparation', 'construction', 'completed', 'operating', 'effective', 'suspended'].map((s) => isStartedStage(s as never))).toEqual([
      false, false, true, true, true, true, false,
    ])
    expect(isCompletedStage('construction')).toBe(false)
    expect(isCompletedStage('operating')).toBe(true)
  })
})
