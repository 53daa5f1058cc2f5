import { describe, expect, it } from 'vitest'
import { exportUrl } from './projects'

describe('exportUrl', () => {
  it('downloads the filtered list grouped as asked, without paging', () => {
    expect(exportUrl('level=city&q=%E6%B1%A1%E6%B0%B4&page=3&page_size=50')).toBe(
      '/api/v1/exports/projects?level=city&q=%E6%B1%A1%E6%B0%B4&group_by=level',
    )
    expect(exportUrl('', 'unit')).toBe('/api/v1/exports/projects?group_by=unit')
  })
})
