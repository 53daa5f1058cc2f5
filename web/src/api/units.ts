import { http, type ListResponse } from './http'

export const UNIT_KINDS = ['street', 'township', 'zone', 'department', 'owner', 'superior'] as const
export type UnitKind = (typeof UNIT_KINDS)[number]

export interface UnitInput {
  parent_id: number | null
  name: string
  kind: UnitKind
  code: string | null
  sort_order: number
  enabled: boolean
}

export interface Unit extends UnitInput {
  id: number
  created_at?: string
  updated_at?: string
}

export function listUnits(): Promise<ListResponse<Unit>> {
  return http.get<ListResponse<Unit>>('/api/v1/units')
}

export function createUnit(input: UnitInput): Promise<Unit> {
  return http.post<Unit>('/api/v1/units', input)
}

export function updateUnit(id: number, input: UnitInput): Promise<Unit> {
  return http.put<Unit>(`/api/v1/units/${id}`, input)
}

/** 409 unit.in_use while users, sub-units or projects still refer to it. */
export function deleteUnit(id: number): Promise<void> {
  return http.delete(`/api/v1/units/${id}`)
}
