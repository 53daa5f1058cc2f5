import { computed, ref } from 'vue'
import { listDictionary, type DictItem, type DictName } from '@/api/dictionaries'
import { showError } from '@/utils/notify'

/**
 * The labels of a code table that records store by label, not by id (督办类别, 会议类型):
 * the enabled items to pick from, plus `keep` (what a record already has) so it still shows.
 */
export function useDictLabels(name: DictName) {
  const items = ref<DictItem[]>([])
  async function load(): Promise<void> {
    try {
      items.value = [...(await listDictionary(name)).items].sort((a, b) => a.sort_order - b.sort_order || a.id - b.id)
    } catch (err) {
      showError(err)
    }
  }
  const labels = computed(() => items.value.map((i) => i.label))
  function choices(keep: readonly (string | null | undefined)[] = []): string[] {
    const enabled = items.value.filter((i) => i.enabled).map((i) => i.label)
    const extra = keep.filter((k): k is string => !!k && !enabled.includes(k))
    return [...enabled, ...extra]
  }
  return { items, labels, choices, load }
}
