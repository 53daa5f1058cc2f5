// Builds the unit tree (and any other parent_id tree) from the flat lists the API returns.

export interface FlatNode {
  id: number
  parent_id: number | null
  sort_order?: number
}

export type TreeNode<T> = T & { children?: TreeNode<T>[] }

function bySortOrder(a: FlatNode, b: FlatNode): number {
  return (a.sort_order ?? 0) - (b.sort_order ?? 0) || a.id - b.id
}

/**
 * Nests `items` by parent_id, siblings ordered by sort_order then id. Items whose parent is
 * missing from the list become roots, so a partial list (e.g. one unit's subtree) still shows.
 * Leaves have no `children` key, which keeps el-table from drawing an expand arrow for them.
 */
export function buildTree<T extends FlatNode>(items: readonly T[]): TreeNode<T>[] {
  const nodes = new Map<number, TreeNode<T>>()
  for (const item of items) nodes.set(item.id, { ...item })
  const roots: TreeNode<T>[] = []
  for (const node of nodes.values()) {
    const parent = node.parent_id === null ? undefined : nodes.get(node.parent_id)
    if (parent && parent !== node) (parent.children ??= []).push(node)
    else roots.push(node)
  }
  const sort = (list: TreeNode<T>[]) => {
    list.sort(bySortOrder)
    for (const n of list) if (n.children) sort(n.children)
  }
  sort(roots)
  return roots
}

/** The ids of `id` and everything below it (a unit cannot be moved under its own subtree). */
export function subtreeIds<T extends FlatNode>(items: readonly T[], id: number): Set<number> {
  const children = new Map<number, number[]>()
  for (const item of items) {
    if (item.parent_id === null) continue
    const list = children.get(item.parent_id) ?? []
    list.push(item.id)
    children.set(item.parent_id, list)
  }
  const out = new Set<number>()
  const stack = [id]
  while (stack.length) {
    const cur = stack.pop()!
    if (out.has(cur)) continue
    out.add(cur)
    stack.push(...(children.get(cur) ?? []))
  }
  return out
}
