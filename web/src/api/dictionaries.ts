import { http, type ListResponse } from './http'

/** The code tables (数据字典) the project library and supervision (督办类别, 会议类型) use; admins edit them. */
export const DICTIONARIES = ['category', 'industry', 'nature', 'tag', 'funding_source', 'supervision_category', 'meeting_type'] as const
export type DictName = (typeof DICTIONARIES)[number]

export interface DictItemInput {
  label: string
  sort_order: number
  enabled: boolean
}

export interface DictItem extends DictItemInput {
  id: number
  dict: DictName
  /** How many projects refer to the item; an item in use cannot be deleted. */
  usage: number
}

export type AllDictionaries = Record<DictName, DictItem[]>

export function listAllDictionaries(): Promise<AllDictionaries> {
  return http.get<AllDictionaries>('/api/v1/dictionaries')
}

export function listDictionary(name: DictName): Promise<ListResponse<DictItem>> {
  return http.get<ListResponse<DictItem>>(`/api/v1/dictionaries/${name}`)
}

export function createDictItem(name: DictName, input: DictItemInput): Promise<DictItem> {
  return http.post<DictItem>(`/api/v1/dictionaries/${name}`, input)
}

export function updateDictItem(name: DictName, id: number, input: DictItemInput): Promise<DictItem> {
  return http.put<DictItem>(`/api/v1/dictionaries/${name}/${id}`, input)
}

/** 409 dictionary.in_use while projects still refer to the item. */
export function deleteDictItem(name: DictName, id: number): Promise<void> {
  return http.delete(`/api/v1/dictionaries/${name}/${id}`)
}
