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
  return { sidebarCollapsed, toggleSidebar }
})
