import { ref, watch } from 'vue'

/**
 * Which columns a table shows, remembered in localStorage under `key`. Unknown keys in
 * storage (a column removed since) are dropped; a fresh browser gets `defaults`.
 */
export function useColumnSettings(key: string, all: readonly string[], defaults: readonly string[]) {
  function read(): string[] {
    try {
      const raw = localStorage.getItem(key)
      if (raw) {
        const parsed: unknown = JSON.parse(raw)
        if (Array.isArray(parsed)) return all.filter((k) => parsed.includes(k))
      }
    } catch {
      // Unreadable or unavailable storage: use the defaults.
    }
    return [...defaults]
  }
  const visible = ref<string[]>(read())
  watch(visible, (value) => {
    try {
      localStorage.setItem(key, JSON.stringify(value))
    } catch {
      // Not persisted; the choice holds for this page.
    }
  })
  const shows = (column: string) => visible.value.includes(column)
  return { visible, shows }
}
