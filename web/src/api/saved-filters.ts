import { http, type ListResponse } from './http'

/** A named list query (我的筛选): `query` is the page's URL query string. */
export interface SavedFilter {
  id: number
  name: string
  query: string
}

export function listSavedFilters(scope: string): Promise<ListResponse<SavedFilter>> {
  return http.get<ListResponse<SavedFilter>>('/api/v1/saved-filters', { query: { scope } })
}

export function createSavedFilter(scope: string, name: string, query: string): Promise<SavedFilter> {
  return http.post<SavedFilter>('/api/v1/saved-filters', { scope, name, query })
}

export function deleteSavedFilter(id: number): Promise<void> {
  return http.delete(`/api/v1/saved-filters/${id}`)
}
