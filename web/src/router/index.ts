import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router'
import { routes, HOME_PATH, homeFor } from './routes'
import { useAuthStore } from '@/store/auth'
import { i18n } from '@/i18n'
import { safeRedirect } from '@/utils/redirect'

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior: () => ({ top: 0 }),
})

/** Where to go after login: the page first asked for, if it is one of ours. */
export function redirectTarget(route: RouteLocationNormalized): string {
  return safeRedirect(route.query.redirect, HOME_PATH)
}

router.beforeEach(async (to) => {
  const auth = useAuthStore()
  if (!auth.checked) await auth.probe()

  if (to.meta.public) {
    // A logged-in user has no business on the login page.
    if (to.name === 'login' && auth.isLoggedIn) return redirectTarget(to)
    return true
  }
  if (!auth.isLoggedIn) {
    return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  }
  // Role gates apply to the matched parents too (e.g. /admin/*).
  if (!to.matched.every((record) => auth.hasRole(record.meta.roles))) {
    // Landing on the home page the role cannot open (an expert after login): go to its own.
    if (to.path === HOME_PATH) {
      const home = homeFor(auth.hasRole)
      if (home !== HOME_PATH) return home
    }
    return { name: 'forbidden', query: { from: to.fullPath } }
  }
  return true
})

function updateTitle(route: RouteLocationNormalized) {
  const t = i18n.global.t
  const page = route.meta.title ? t(route.meta.title) : ''
  document.title = page ? `${page} - ${t('app.name')}` : t('app.title')
}

router.afterEach((to) => updateTitle(to))

/** Re-renders the window title when the language changes. */
export function refreshTitle(): void {
  updateTitle(router.currentRoute.value)
}
