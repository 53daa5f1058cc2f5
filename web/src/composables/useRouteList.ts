import { computed, onMounted, ref, watch } from 'vue'
import { useRoute, useRouter, type LocationQuery } from 'vue-router'
import type { ListResponse } from '@/api/http'
import { showError } from '@/utils/notify'

/** What every list's filters hold besides their own fields. */
export interface Paging {
  page: number
  page_size: number
}

export interface RouteListOptions<F extends Paging, L extends ListResponse<unknown>> {
  /** The route the list lives on; the query changing as the user leaves it loads nothing. */
  routeName: string
  /** Reads the filters from the URL, dropping what is malformed. */
  fromQuery: (query: LocationQuery) => F
  /** The URL query of the filters, in a fixed key order, defaults left out. */
  toQuery: (filters: F) => Record<string, string>
  /** Fetches one page for the filters. */
  load: (filters: F) => Promise<L>
  /** Takes a fetched page; a response overtaken by a newer request never gets here. */
  onLoaded: (result: L, filters: F) => void
}

/**
 * A list page whose filters and page number live in the URL, so that a reload, a shared link
 * or "back" shows the same list. `filters` is read from the URL; `go` and `apply` change the
 * URL, and a changed URL loads the list. A page past the last one (rows deleted, an old link)
 * moves to the last page.
 */
export function useRouteList<F extends Paging, L extends ListResponse<unknown>>(options: RouteListOptions<F, L>) {
  const route = useRoute()
  const router = useRouter()
  const filters = computed(() => options.fromQuery(route.query))
  const total = ref(0)
  const loading = ref(false)
  let requestSeq = 0

  async function reload(): Promise<void> {
    const seq = ++requestSeq
    const f = filters.value
    loading.value = true
    try {
      const result = await options.load(f)
      if (seq !== requestSeq) return // superseded by a newer request
      total.value = result.total
      options.onLoaded(result, f)
      const lastPage = Math.max(1, Math.ceil(result.total / f.page_size))
      if (f.page > lastPage) go({ ...f, page: lastPage })
    } catch (err) {
      if (seq === requestSeq) showError(err)
    } finally {
      if (seq === requestSeq) loading.value = false
    }
  }

  function go(f: F): void {
    void router.replace({ query: options.toQuery(f) })
  }

  /** Shows the list for `f`; the same filters again (搜索 to refresh) reload, as the URL stays. */
  function apply(f: F): void {
    if (JSON.stringify(options.toQuery(f)) === JSON.stringify(options.toQuery(filters.value))) void reload()
    else go(f)
  }

  /** For el-pagination's current-change and size-change. */
  const setPage = (page: number) => go({ ...filters.value, page })
  const setPageSize = (pageSize: number) => go({ ...filters.value, page: 1, page_size: pageSize })

  watch(
    () => route.query,
    () => {
      if (route.name === options.routeName) void reload()
    },
  )
  onMounted(reload)

  return { filters, total, loading, reload, go, apply, setPage, setPageSize }
}
