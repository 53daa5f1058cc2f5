import { http } from './http'
import type { Role } from './users'

export interface SessionUser {
  id: number
  username: string
  display_name: string
  role: Role
  unit_id: number | null
  unit_name: string | null
  phone?: string | null
  /** A password the administrator set: it is changed before anything else (403 auth.password_change_required). */
  must_change_password?: boolean
}

export interface Session {
  user: SessionUser
  csrf_token: string
}

/** POST /api/v1/session: logs in; 401 auth.invalid_credentials, 429 auth.throttled. */
export function login(username: string, password: string): Promise<Session> {
  return http.post<Session>('/api/v1/session', { username, password }, { allowUnauthorized: true })
}

/** GET /api/v1/session: the current session; 401 auth.required when not logged in. */
export function getSession(): Promise<Session> {
  return http.get<Session>('/api/v1/session', { allowUnauthorized: true })
}

/** DELETE /api/v1/session: logs out. */
export function logout(): Promise<void> {
  return http.delete('/api/v1/session', { allowUnauthorized: true })
}

/** PUT /api/v1/session/password: every session of the user ends, this one too; sign in again. */
export function changeOwnPassword(currentPassword: string, newPassword: string): Promise<void> {
  return http.put('/api/v1/session/password', { current_password: currentPassword, new_password: newPassword })
}

/** A signed-in session (登录设备) of the user. */
export interface LoginSession {
  id: number
  created_at: string
  last_seen_at: string
  expires_at: string
  ip: string
  user_agent: string
  /** The session making this request. */
  current: boolean
}

export function listOwnSessions(): Promise<{ items: LoginSession[]; total: number }> {
  return http.get('/api/v1/session/sessions')
}

export function revokeOwnSession(id: number): Promise<void> {
  return http.delete(`/api/v1/session/sessions/${id}`)
}
