import type { Component } from 'vue'
import type { RouteComponent, RouteRecordRaw } from 'vue-router'
import {
  Aim,
  Trophy,
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
  Collection,
  Histogram,
  Odometer,
  Warning,
  List,
  ChatDotSquare,
  Tickets,
  PieChart,
  Message,
  Notebook,
  Reading,
  Memo,
} from '@element-plus/icons-vue'
import type { Role } from '@/api/users'
import { ADMINS, BUREAU, LEDGER_READERS, PROJECT_EDITORS, PROJECT_READERS } from '@/utils/permissions'

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
    /** For a page off the menu (a detail page): the menu entry to highlight and show in the breadcrumb. */
    activeMenu?: string
  }
}

// (views/placeholder/ComingSoonView.vue is the page of a module not built yet, routed as
// { component: ComingSoon, meta: { title, icon, description: 'modules.<name>' } }: none now.)

/** A page of the side menu, titled `nav.<name>`. */
function menuPage(path: string, name: string, component: RouteComponent | (() => Promise<RouteComponent>), icon: Component, roles: readonly Role[]): RouteRecordRaw {
  return { path, name, component, meta: { title: `nav.${name}`, icon, roles } }
}

const ProjectForm = () => import('@/views/projects/ProjectFormView.vue')

/** The pages inside the layout, in side-menu order. */
export const appRoutes: RouteRecordRaw[] = [
  menuPage('/projects', 'projects', () => import('@/views/projects/ProjectListView.vue'), FolderOpened, PROJECT_READERS),
  {
    path: '/projects/new',
    name: 'project-new',
    component: ProjectForm,
    meta: { title: 'nav.projectNew', hidden: true, roles: BUREAU, activeMenu: '/projects' },
  },
  {
    path: '/projects/:id(\\d+)',
    name: 'project-detail',
    component: () => import('@/views/projects/ProjectDetailView.vue'),
    meta: { title: 'nav.projectDetail', hidden: true, roles: PROJECT_READERS, activeMenu: '/projects' },
  },
  {
    path: '/projects/:id(\\d+)/edit',
    name: 'project-edit',
    component: ProjectForm,
    meta: { title: 'nav.projectEdit', hidden: true, roles: PROJECT_EDITORS, activeMenu: '/projects' },
  },
  menuPage('/plans', 'plans', () => import('@/views/plans/PlansView.vue'), Calendar, PROJECT_READERS),
  menuPage('/unit-targets', 'targets', () => import('@/views/plans/TargetsView.vue'), Histogram, PROJECT_READERS),
  // 进度填报 (progress reporting)
  menuPage('/reports', 'reports', () => import('@/views/reports/ReportsView.vue'), EditPen, PROJECT_READERS),
  // 预警中心 (the bell's link) and every project's red/yellow/green light
  menuPage('/warnings', 'warnings', () => import('@/views/warnings/WarningsView.vue'), Bell, PROJECT_READERS),
  menuPage('/statuses', 'statuses', () => import('@/views/warnings/StatusesView.vue'), Odometer, PROJECT_READERS),
  // 督办: items and their 流转单, meetings whose decisions become items, task ledgers, statistics
  {
    path: '/supervision-center',
    name: 'supervision-center',
    redirect: '/supervision',
    meta: { title: 'nav.supervision', icon: Aim, roles: PROJECT_READERS },
    children: [
      {
        path: '/supervision',
        name: 'supervision',
        component: () => import('@/views/supervision/SupervisionListView.vue'),
        meta: { title: 'nav.supervisionItems', icon: List, roles: PROJECT_READERS },
      },
      {
        path: '/supervision/:id(\\d+)',
        name: 'supervision-detail',
        component: () => import('@/views/supervision/SupervisionDetailView.vue'),
        meta: { title: 'nav.supervisionDetail', hidden: true, roles: PROJECT_READERS, activeMenu: '/supervision' },
      },
      {
        path: '/meetings',
        name: 'meetings',
        component: () => import('@/views/meetings/MeetingsView.vue'),
        meta: { title: 'nav.meetings', icon: ChatDotSquare, roles: PROJECT_READERS },
      },
      {
        path: '/meetings/:id(\\d+)',
        name: 'meeting-detail',
        component: () => import('@/views/meetings/MeetingDetailView.vue'),
        meta: { title: 'nav.meetingDetail', hidden: true, roles: PROJECT_READERS, activeMenu: '/meetings' },
      },
      {
        path: '/task-ledgers',
        name: 'task-ledgers',
        component: () => import('@/views/task-ledgers/TaskLedgersView.vue'),
        meta: { title: 'nav.taskLedgers', icon: Tickets, roles: PROJECT_READERS },
      },
      {
        path: '/task-ledgers/:id(\\d+)',
        name: 'task-ledger-detail',
        component: () => import('@/views/task-ledgers/TaskLedgerDetailView.vue'),
        meta: { title: 'nav.taskLedgerDetail', hidden: true, roles: PROJECT_READERS, activeMenu: '/task-ledgers' },
      },
      {
        path: '/supervision/stats',
        name: 'supervision-stats',
        component: () => import('@/views/supervision/SupervisionStatsView.vue'),
        meta: { title: 'nav.supervisionStats', icon: PieChart, roles: PROJECT_READERS },
      },
    ],
  },
  menuPage('/dashboard', 'dashboard', () => import('@/views/dashboard/DashboardView.vue'), DataAnalysis, PROJECT_READERS),
  {
    path: '/dashboard/projects',
    name: 'dashboard-projects',
    component: () => import('@/views/dashboard/DashboardProjectsView.vue'),
    meta: { title: 'nav.dashboardProjects', hidden: true, roles: PROJECT_READERS, activeMenu: '/dashboard' },
  },
  // 项目作战地图; its big screen (大屏) is a page of its own, below
  menuPage('/map', 'map', () => import('@/views/map/MapView.vue'), Location, PROJECT_READERS),
  // 排名通报: the units' monthly ranking, quarter scores and escalations
  menuPage('/rankings', 'rankings', () => import('@/views/rankings/RankingsView.vue'), Trophy, PROJECT_READERS),
  // 台账报表: a month's figures and its .xlsx ledgers
  menuPage('/ledgers', 'ledgers', () => import('@/views/ledgers/LedgersView.vue'), Notebook, LEDGER_READERS),
  // 专报通报: the bureau makes, edits and publishes briefings, bulletins and notices
  menuPage('/briefings', 'briefings', () => import('@/views/briefings/BriefingsView.vue'), Document, BUREAU),
  {
    path: '/briefings/:id(\\d+)',
    name: 'briefing-detail',
    component: () => import('@/views/briefings/BriefingDetailView.vue'),
    meta: { title: 'nav.briefingDetail', hidden: true, roles: BUREAU, activeMenu: '/briefings' },
  },
  // 信息发布: what was published to the user's unit, with its read receipt
  menuPage('/releases', 'releases', () => import('@/views/releases/ReleasesView.vue'), Reading, PROJECT_READERS),
  {
    path: '/releases/:id(\\d+)',
    name: 'release-detail',
    component: () => import('@/views/releases/ReleaseDetailView.vue'),
    meta: { title: 'nav.releaseDetail', hidden: true, roles: PROJECT_READERS, activeMenu: '/releases' },
  },
  {
    path: '/admin',
    name: 'admin',
    redirect: '/admin/units',
    meta: { title: 'nav.admin', icon: Setting, roles: ADMINS },
    children: [
      {
        path: 'units',
        name: 'admin-units',
        component: () => import('@/views/admin/units/UnitsView.vue'),
        meta: { title: 'nav.units', icon: OfficeBuilding, roles: ADMINS },
      },
      {
        path: 'users',
        name: 'admin-users',
        component: () => import('@/views/admin/users/UsersView.vue'),
        meta: { title: 'nav.users', icon: User, roles: ADMINS },
      },
      {
        path: 'dictionaries',
        name: 'admin-dictionaries',
        component: () => import('@/views/admin/dictionaries/DictionariesView.vue'),
        meta: { title: 'nav.dictionaries', icon: Collection, roles: ADMINS },
      },
      {
        path: 'status-rules',
        name: 'admin-status-rules',
        component: () => import('@/views/admin/status-rules/StatusRulesView.vue'),
        meta: { title: 'nav.statusRules', icon: Warning, roles: ADMINS },
      },
      {
        path: 'work-calendar',
        name: 'admin-work-calendar',
        component: () => import('@/views/admin/work-calendar/WorkCalendarView.vue'),
        meta: { title: 'nav.workCalendar', icon: Calendar, roles: ADMINS },
      },
      {
        path: 'briefing-templates',
        name: 'admin-briefing-templates',
        component: () => import('@/views/admin/briefing-templates/BriefingTemplatesView.vue'),
        meta: { title: 'nav.briefingTemplates', icon: Memo, roles: ADMINS },
      },
      {
        path: 'delivery',
        name: 'admin-delivery',
        component: () => import('@/views/admin/delivery/DeliveryView.vue'),
        meta: { title: 'nav.delivery', icon: Message, roles: ADMINS },
      },
      {
        path: 'audit-log',
        name: 'admin-audit-log',
        component: () => import('@/views/admin/audit/AuditLogView.vue'),
        meta: { title: 'nav.auditLog', icon: Tickets, roles: ADMINS },
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

/**
 * Where a user lands: the home page if the role may open it, else the first page of the menu
 * it may open (experts have no project library).
 */
export function homeFor(hasRole: (roles: readonly Role[] | undefined) => boolean): string {
  const home = appRoutes.find((r) => r.path === HOME_PATH)
  if (!home || hasRole(home.meta?.roles)) return HOME_PATH
  const first = appRoutes.find((r) => r.meta?.title && !r.meta.hidden && !r.children && hasRole(r.meta.roles))
  return first?.path ?? HOME_PATH
}

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/login/LoginView.vue'),
    meta: { title: 'login.title', public: true },
  },
  // 大屏: the map for the meeting room's screen, without the app's chrome.
  {
    path: '/map/screen',
    name: 'map-screen',
    component: () => import('@/views/map/BigScreenView.vue'),
    meta: { title: 'nav.mapScreen', roles: PROJECT_READERS },
  },
  // The printable 流转单: a page of its own, without the app's chrome.
  {
    path: '/supervision/:id(\\d+)/sheet',
    name: 'supervision-sheet',
    component: () => import('@/views/supervision/SupervisionSheetView.vue'),
    meta: { title: 'nav.supervisionSheet', roles: PROJECT_READERS },
  },
  {
    path: '/',
    component: () => import('@/layout/AppLayout.vue'),
    redirect: HOME_PATH,
    children: appRoutes,
  },
]
