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
