import { afterEach, describe, expect, it, vi } from 'vitest'
import { exportUrl, listChildProjects } from './projects'

describe('exportUrl', () => {
  it('downloads the filtered list grouped as asked, without paging', () => {
    expect(exportUrl('level=city&q=%E6%B1%A1%E6%B0%B4&page=3&page_size=50')).toBe(
      '/api/v1/exports/projects?level=city&q=%E6%B1%A1%E6%B0%B4&group_by=level',
    )
    expect(exportUrl('', 'unit')).toBe('/api/v1/exports/projects?group_by=unit')
  })
})

describe('listChildProjects', () => {
  const fetchMock = vi.fn<typeof fetch>()
  afterEach(() => {
    vi.unstubAllGlobals()
    fetchMock.mockReset()
  })

  function page(ids: number[], total: number): Response {
    const items = ids.map((id) => ({ id, name: `子工程${id}` }))
    return new Response(JSON.stringify({ items, total, totals: { total_investment: 0 } }), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    })
  }

  it('reads page after page until it has them all', async () => {
    vi.stubGlobal('fetch', fetchMock)
    fetchMock.mockResolvedValueOnce(page([1, 2], 3)).mockResolvedValueOnce(page([3], 3))
    const children = await listChildProjects(7, '-total_investment')
    expect(children.map((c) => c.id)).toEqual([1, 2, 3])
    const urls = fetchMock.mock.calls.map(([url]) => String(url))
    expect(urls).toEqual([
      '/api/v1/projects?parent_id=7&sort=-total_investment&page=1&page_size=500',
      '/api/v1/projects?parent_id=7&sort=-total_investment&page=2&page_size=500',
    ])
  })

  it('stops on an empty page even if the total said more, and leaves the order to the server without a sort', async () => {
    vi.stubGlobal('fetch', fetchMock)
    fetchMock.mockResolvedValueOnce(page([4], 5)).mockResolvedValueOnce(page([], 5))
    expect((await listChildProjects(8)).map((c) => c.id)).toEqual([4])
    expect(String(fetchMock.mock.calls[0]![0])).toBe('/api/v1/projects?parent_id=8&page=1&page_size=500')
    expect(fetchMock).toHaveBeenCalledTimes(2)
  })
})
