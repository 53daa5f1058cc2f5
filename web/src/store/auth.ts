import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import * as sessionApi from '@/api/session'
import type { Session, SessionUser } from '@/api/session'
import type { Role } from '@/api/users'
import { isApiError } from '@/api/http'

export const useAuthStore = defineStore('auth', () => {
  const user = ref<SessionUser | null>(null)
  const csrfToken = ref<string | null>(null)
  /** True once the server has told us whether there is a session (GET /session answered). */
  const checked = ref(false)

  const isLoggedIn = computed(() => user.value !== null)
  const role = computed<Role | null>(() => user.value?.role ?? null)

  function apply(session: Session) {
    user.value = session.user
    csrfToken.value = session.csrf_token
    checked.value = true
  }

  function clear() {
    user.value = null
    csrfToken.value = null
  }

  function hasRole(roles: readonly Role[] | undefined): boolean {
    if (!roles || roles.length === 0) return true
    return role.value !== null && roles.includes(role.value)
  }

  /** Asks the server once whether the browser has a session. Network errors leave it unknown. */
  async function probe(): Promise<void> {
    try {
      apply(await sessionApi.getSession())
    } catch (err) {
      clear()
      if (isApiError(err) && err.status === 401) checked.value = true
    }
  }

  async function login(username: string, password: string): Promise<void> {
    apply(await sessionApi.login(username, password))
  }

  async function logout(): Promise<void> {
    try {
      await sessionApi.logout()
    } finally {
      clear()
      checked.value = true
    }
  }

  return { user, csrfToken, checked, isLoggedIn, role, hasRole, probe, login, logout, clear }
})
