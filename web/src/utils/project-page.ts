// The project a page is about (项目详情, 编辑项目): loaded the same way by both pages.
import { isApiError } from '@/api/http'
import { getProject, type Project } from '@/api/projects'
import { i18n } from '@/i18n'
import { describeError, showError } from './notify'

/** What StatusPage shows instead of a project the user may not see, or that is gone. */
export interface ProjectFailure {
  code: '403' | '404'
  title: string
  text: string
}

/**
 * Reads a project for a page. 404 (none, or another unit's project) and 403 come back as `failure`,
 * for the page to show instead of the project; other errors are toasted, and both are null.
 */
export async function loadProject(id: number): Promise<{ project: Project | null; failure: ProjectFailure | null }> {
  try {
    return { project: await getProject(id), failure: null }
  } catch (err) {
    if (isApiError(err) && (err.status === 403 || err.status === 404)) {
      const t = i18n.global.t
      const forbidden = err.status === 403
      return {
        project: null,
        failure: {
          code: forbidden ? '403' : '404',
          title: t(forbidden ? 'projects.detail.forbidden' : 'projects.detail.notFound'),
          text: describeError(err),
        },
      }
    }
    showError(err)
    return { project: null, failure: null }
  }
}

/** The project a sub-project (子工程) belongs to; null when it has none or it cannot be read. */
export async function loadParentProject(p: Project): Promise<Project | null> {
  if (p.parent_id === null) return null
  return getProject(p.parent_id).catch(() => null)
}
