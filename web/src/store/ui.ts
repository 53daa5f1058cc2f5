import { ref, watch } from 'vue'
import { defineStore } from 'pinia'

const COLLAPSED_KEY = 'tuijin.sidebarCollapsed'

function readCollapsed(): boolean {
  try {
    return localStorage.getItem(COLLAPSED_KEY) === '1'
  } catch {
    return false
  }
}

/** Layout state that survives reloads. */
export const useUiStore = defineStore('ui', () => {
  const sidebarCollapsed = ref(readCollapsed())
  watch(sidebarCollapsed, (value) => {
    try {
      localStorage.setItem(COLLAPSED_KEY, value ? '1' : '0')
    } catch {
      // Not persisted; fine.
    }
  })
  function toggleSidebar() {
    sidebarCollapsed.value = !sidebarCollapsed.value
  }
  /** The project list's last query, so that "返回列表" returns to the same filtered page. */
  const lastProjectsQuery = ref<Record<string, string>>({})
  return { sidebarCollapsed, toggleSidebar, lastProjectsQuery }
})
