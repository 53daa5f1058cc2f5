// The stage (阶段) rules the UI needs to offer only legal changes; the server checks again
// (409 project.illegal_transition). Mirrors src/domain/project_rules.cc.
import { MAIN_STAGES, type Stage } from '@/api/projects'

export type TransitionKind = 'advance' | 'suspend' | 'cancel' | 'resume'

export interface Transition {
  to: Stage
  kind: TransitionKind
}

/** Active: neither suspended, cancelled, nor at the end of the line (达效). */
export function isActiveStage(stage: Stage): boolean {
  return stage !== 'suspended' && stage !== 'cancelled' && stage !== 'effective'
}

/** Started (在建 or later on the main line): the actual start date is known. */
export function isStartedStage(stage: Stage): boolean {
  const i = (MAIN_STAGES as readonly string[]).indexOf(stage)
  return i >= MAIN_STAGES.indexOf('construction')
}

/** Completed (竣工 or later): the actual completion date is known. */
export function isCompletedStage(stage: Stage): boolean {
  const i = (MAIN_STAGES as readonly string[]).indexOf(stage)
  return i >= MAIN_STAGES.indexOf('completed')
}

/**
 * Where a project may go from `stage`: the next step of the main line (谋划储备→前期→在建→
 * 竣工→投产→达效), 停缓建 and 取消 from an active stage; a suspended project resumes to the
 * stage it left or is cancelled; a cancelled one goes nowhere.
 */
export function allowedTransitions(stage: Stage, resumeStage: Stage | null): Transition[] {
  if (stage === 'cancelled') return []
  if (stage === 'suspended') {
    const out: Transition[] = []
    if (resumeStage && resumeStage !== 'suspended' && resumeStage !== 'cancelled') out.push({ to: resumeStage, kind: 'resume' })
    out.push({ to: 'cancelled', kind: 'cancel' })
    return out
  }
  const out: Transition[] = []
  const i = (MAIN_STAGES as readonly string[]).indexOf(stage)
  const next = MAIN_STAGES[i + 1]
  if (i >= 0 && next) out.push({ to: next, kind: 'advance' })
  if (isActiveStage(stage)) {
    out.push({ to: 'suspended', kind: 'suspend' })
    out.push({ to: 'cancelled', kind: 'cancel' })
  }
  return out
}

/** 停缓建, 取消 and 恢复 need a reason. */
export function transitionNeedsReason(kind: TransitionKind): boolean {
  return kind !== 'advance'
}
