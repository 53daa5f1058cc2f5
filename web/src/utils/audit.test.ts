import { describe, expect, it } from 'vitest'
import { actionKeys, changeRows } from './audit'

describe('actionKeys', () => {
  it('splits an action into its verb and resource', () => {
    expect(actionKeys('projects.update', 'projects')).toEqual({ verb: 'update', resource: 'projects' })
    expect(actionKeys('projects.reports.submit', 'projects')).toEqual({ verb: 'submit', resource: 'projects' })
    expect(actionKeys('session.login_failed', 'session')).toEqual({ verb: 'login_failed', resource: 'session' })
    expect(actionKeys('session.password.update', 'session')).toEqual({ verb: 'changeOwnPassword', resource: 'session' })
  })
})

describe('changeRows', () => {
  it('puts old beside new, with fields on one side only', () => {
    expect(changeRows({ contact_name: '赵敏', 'plan.amount': 100 }, { contact_name: '王磊', stage: 'construction' })).toEqual([
      { field: 'contact_name', before: '赵敏', after: '王磊' },
      { field: 'plan.amount', before: '100', after: '' },
      { field: 'stage', before: '', after: 'construction' },
    ])
    expect(changeRows(null, null)).toEqual([])
  })
})

describe('audit filters in the URL', () => {
  it('reads what is well-formed and writes it back without defaults', async () => {
    const { auditFiltersFromQuery, auditFiltersToQuery } = await import('./audit')
    const f = auditFiltersFromQuery({ from: '2026-11-01', to: '11月', username: ' chengdong ', result: 'failed', page: '2', page_size: '7' })
    expect(f).toEqual({ from: '2026-11-01', to: '', username: 'chengdong', action: '', result: 'failed', q: '', page: 2, page_size: 50 })
    expect(auditFiltersToQuery(f)).toEqual({ from: '2026-11-01', username: 'chengdong', result: 'failed', page: '2' })
  })
})
