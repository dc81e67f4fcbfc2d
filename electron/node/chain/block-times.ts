import type { HospitalNode } from '../node.ts'

/**
 * When blocks were mined (ISO time), for lists that show when events happened. Each block's time
 * is fetched once and kept in the database: it never changes.
 */
export async function blockTimes(
  node: HospitalNode,
  blockNumbers: Iterable<number>,
): Promise<Map<number, string>> {
  const wanted = [...new Set(blockNumbers)]
  const known = new Map<number, number>()
  const select = node.db.prepare('SELECT timestamp FROM block_times WHERE block_number = ?')
  for (const block of wanted) {
    const row = select.get(block) as { timestamp: number } | undefined
    if (row) known.set(block, row.timestamp)
  }
  const missing = wanted.filter((block) => !known.has(block))
  const insert = node.db.prepare(
    'INSERT OR IGNORE INTO block_times (block_number, timestamp) VALUES (?, ?)',
  )
  for (const block of missing) {
    const fetched = await node.chain.provider.getBlock(block)
    if (!fetched) continue
    insert.run(block, fetched.timestamp)
    known.set(block, fetched.timestamp)
  }
  return new Map(
    [...known].map(([block, seconds]) => [block, new Date(seconds * 1000).toISOString()]),
  )
}
