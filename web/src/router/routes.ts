import type { Component } from 'vue'
import type { RouteRecordRaw } from 'vue-router'
import {
  Aim,
  Bell,
  DataAnalysis,
  Document,
  FolderOpened,
  Location,
  OfficeBuilding,
  Setting,
  Calendar,
  EditPen,
  User,
} from '@element-plus/icons-vue'
import type { Role } from '@/api/users'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title, also used in the menu and breadcrumb. */
    title?: string
    icon?: Component
    /** Roles allowed to open the page; absent = every logged-in user. */
    roles?: readonly Role[]
    /** Reachable without a session (login page). */
    public?: boolean
    /** Not listed in the side menu. */
    hidden?: boolean
    /** i18n key of the one-line description shown by the "coming soon" placeholder. */
    description?: string
  }
}

const ComingSoon = () => import('@/views/placeholder/ComingSoonView.vue')

/** A module of the product that is not built yet: a real route with a placeholder page. */
function planned(path: string, name: string, icon: Component): RouteRecordRaw {
  return {
    path,
    name,
    component: ComingSoon,
    meta: { title: `nav.${name}`, icon, description: `modules.${name}` },
  }
}

/** The pages inside the layout, in side-menu order. */
export const appRoutes: RouteRecordRaw[] = [
  planned('/projects', 'projects', FolderOpened),
  planned('/plans', 'plans', Calendar),
  planned('/reports', 'reports', EditPen),
  planned('/warnings', 'warnings', Bell),
  planned('/supervision', 'supervision', Aim),
  planned('/dashboard', 'dashboard', DataAnalysis),
  planned('/map', 'map', Location),
  planned('/briefings', 'briefings', Document),
  {
    path: '/admin',
    name: 'admin',
    redirect: '/admin/units',
    meta: { title: 'nav.admin', icon: Setting, roles: ['admin'] },
    children: [
      {
        path: 'units',
        name: 'admin-units',
        component: () => import('@/views/admin/units/UnitsView.vue'),
        meta: { title: 'nav.units', icon: OfficeBuilding, roles: ['admin'] },
      },
      {
        path: 'users',
        name: 'admin-users',
        component: () => import('@/views/admin/users/UsersView.vue'),
        meta: { title: 'nav.users', icon: User, roles: ['admin'] },
      },
    ],
  },
  {
    path: '/403',
    name: 'forbidden',
    component: () => import('@/views/error/ForbiddenView.vue'),
    meta: { title: 'nav.forbidden', hidden: true },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/error/NotFoundView.vue'),
    meta: { title: 'nav.notFound', hidden: true },
  },
]

export const HOME_PATH = '/projects'

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/login/LoginView.vue'),
    meta: { title: 'login.title', public: true },
  },
  {
    path: '/',
    component: () => import('@/layout/AppLayout.vue'),
    redirect: HOME_PATH,
    children: appRoutes,
  },
]
