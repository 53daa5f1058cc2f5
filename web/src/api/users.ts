import { http, type ListResponse } from './http'

export const ROLES = ['admin', 'staff', 'unit', 'leader', 'expert'] as const
export type Role = (typeof ROLES)[number]

export interface User {
  id: number
  username: string
  display_name: string
  role: Role
  unit_id: number | null
  unit_name: string | null
  phone: string | null
  /** For reminder digests by e-mail, when SMTP is set up. */
  email: string | null
  disabled: boolean
  created_at: string
  updated_at?: string
}

export interface UserQuery {
  q?: string
  role?: Role | ''
  unit_id?: number | null
  page?: number
  page_size?: number
}

export interface UserCreate {
  username: string
  display_name: string
  password: string
  role: Role
  unit_id: number | null
  phone: string | null
  /** For reminder digests by e-mail, when SMTP is set up. */
  email: string | null
}

export interface UserUpdate {
  display_name: string
  role: Role
  unit_id: number | null
  phone: string | null
  /** For reminder digests by e-mail, when SMTP is set up. */
  email: string | null
  disabled: boolean
}

export function listUsers(query: UserQuery = {}): Promise<ListResponse<User>> {
  return http.get<ListResponse<User>>('/api/v1/users', { query: { ...query } })
}

export function createUser(input: UserCreate): Promise<User> {
  return http.post<User>('/api/v1/users', input)
}

export function updateUser(id: number, input: UserUpdate): Promise<User> {
  return http.put<User>(`/api/v1/users/${id}`, input)
}

export function resetPassword(id: number, password: string): Promise<void> {
  return http.put(`/api/v1/users/${id}/password`, { password })
}

/** 解锁: the account's failed sign-ins are forgotten, so it signs in again at once. */
export function unlockUser(id: number): Promise<{ user_id: number; locked: boolean }> {
  return http.post(`/api/v1/users/${id}/unlock`, {})
}

/** 强制下线: every session of the user ends now. */
export function revokeUserSessions(id: number): Promise<{ user_id: number; revoked: number }> {
  return http.delete(`/api/v1/users/${id}/sessions`)
}
