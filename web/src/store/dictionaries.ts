import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import { DICTIONARIES, listAllDictionaries, type AllDictionaries, type DictItem, type DictName } from '@/api/dictionaries'

function emptyDictionaries(): AllDictionaries {
  return Object.fromEntries(DICTIONARIES.map((d) => [d, []])) as unknown as AllDictionaries
}

/**
 * The code tables (类别, 行业, 建设性质, 标签, 资金来源), loaded once per session and shared by
 * every page; the dictionaries admin page reloads them after a change.
 */
export const useDictionaryStore = defineStore('dictionaries', () => {
  const all = ref<AllDictionaries>(emptyDictionaries())
  const loaded = ref(false)
  let pending: Promise<void> | null = null

  const byId = computed(() => {
    const map = new Map<number, DictItem>()
    for (const d of DICTIONARIES) for (const item of all.value[d] ?? []) map.set(item.id, item)
    return map
  })

  function sorted(items: DictItem[]): DictItem[] {
    return [...items].sort((a, b) => a.sort_order - b.sort_order || a.id - b.id)
  }

  /** All items of a dictionary, disabled ones too (for showing labels and filtering). */
  function items(name: DictName): DictItem[] {
    return sorted(all.value[name] ?? [])
  }

  /** What a form may pick: the enabled items, plus the ones the record already has. */
  function choices(name: DictName, keep: readonly (number | null | undefined)[] = []): DictItem[] {
    return items(name).filter((i) => i.enabled || keep.includes(i.id))
  }

  function label(id: number | null | undefined): string {
    if (id === null || id === undefined) return ''
    return byId.value.get(id)?.label ?? `#${id}`
  }

  async function reload(): Promise<void> {
    const data = await listAllDictionaries()
    all.value = { ...emptyDictionaries(), ...data }
    loaded.value = true
  }

  /** Loads once; later calls share the first request. Errors propagate to the caller. */
  function ensure(): Promise<void> {
    if (loaded.value) return Promise.resolve()
    pending ??= reload().finally(() => {
      pending = null
    })
    return pending
  }

  return { all, loaded, items, choices, label, reload, ensure }
})
