/**
 * Which nodes hold a record version: rendezvous (highest-random-weight) hashing of its CID over
 * the swarm's peer ids. Every node computes the same choice from the same view, with no
 * coordinator, and a node joining or leaving moves only the versions it ranks first for.
 */
import { createHash } from 'node:crypto'

/** The `replication.copies` setting: a number of nodes, or every node of the swarm. */
export type ReplicaCopies = number | 'all'

/** A node's weight for a CID: the first 8 bytes of SHA-256(cid ‖ peer id), as an integer. */
export function rendezvousWeight(cid: string, peerId: string): bigint {
  return createHash('sha256').update(`${cid}\n${peerId}`).digest().readBigUInt64BE(0)
}

/** The nodes ranked for a CID, heaviest first (ties, which SHA-256 makes vanishingly rare, by id). */
export function rankNodes(cid: string, peerIds: Iterable<string>): string[] {
  return [...new Set(peerIds)]
    .map((peerId) => ({ peerId, weight: rendezvousWeight(cid, peerId) }))
    .sort((a, b) =>
      a.weight === b.weight ? a.peerId.localeCompare(b.peerId) : a.weight > b.weight ? -1 : 1,
    )
    .map(({ peerId }) => peerId)
}

/** How many holders `copies` asks for in a swarm of `nodes` nodes (never more than there are). */
export function wantedCopies(copies: ReplicaCopies, nodes: number): number {
  return copies === 'all' ? nodes : Math.min(copies, nodes)
}

/**
 * The nodes that should fetch and pin a CID now: the heaviest of the nodes that do not hold it,
 * as many as the holders fall short of `copies`. The holders count whoever they are: the uploading
 * node always holds its version, so it plus the top `copies - 1` of the others hold a new one, and
 * a repair after a holder left adds the next in rank.
 */
export function nodesToPin(input: {
  cid: string
  /** Every node of the swarm that can hold a replica now: this one and the peers that answered. */
  nodes: Iterable<string>
  /** The nodes known to hold it. */
  holders: ReadonlySet<string>
  copies: ReplicaCopies
}): string[] {
  const nodes = new Set(input.nodes)
  for (const holder of input.holders) nodes.add(holder)
  const missing = wantedCopies(input.copies, nodes.size) - input.holders.size
  if (missing <= 0) return []
  return rankNodes(
    input.cid,
    [...nodes].filter((peerId) => !input.holders.has(peerId)),
  ).slice(0, missing)
}
