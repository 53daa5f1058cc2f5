import { describe, expect, it } from 'vitest'
import { safeRedirect } from './redirect'

describe('safeRedirect', () => {
  it('keeps in-app paths with their query', () => {
    expect(safeRedirect('/admin/users?role=staff&page=2', '/projects')).toBe('/admin/users?role=staff&page=2')
  })
  it('refuses anything that could leave the site or loop to the login page', () => {
    for (const bad of [undefined, null, ['/a'], '', 'projects', 'https://evil.example', '//evil.example', '/\\evil.example', '/login', '/login?redirect=/x']) {
      expect(safeRedirect(bad, '/projects')).toBe('/projects')
    }
  })
})
