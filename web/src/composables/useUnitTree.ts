import { computed, ref } from 'vue'
import { listUnits, type Unit } from '@/api/units'
import { buildTree } from '@/utils/tree'
import { showError } from '@/utils/notify'

/** The unit list and its tree, for tables and tree selects (components/UnitTreeSelect.vue). */
export function useUnitTree() {
  const units = ref<Unit[]>([])
  const loading = ref(false)
  const tree = computed(() => buildTree(units.value))
  const byId = computed(() => new Map(units.value.map((u) => [u.id, u])))

  async function load(): Promise<void> {
    loading.value = true
    try {
      units.value = (await listUnits()).items
    } catch (err) {
      showError(err)
    } finally {
      loading.value = false
    }
  }

  return { units, tree, byId, loading, load }
}
