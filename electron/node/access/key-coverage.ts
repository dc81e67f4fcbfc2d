/**
 * Which record versions a reader's keys may cover, decided from the chain's events alone (pure):
 * a restricted record is closed to grantees, so a grantee's key bundle leaves it out, and a new
 * version of it is not wrapped for them. The node's refusal is not enough on its own: a grantee
 * holding a key can fetch the blocks from any peer of the swarm and decrypt them without asking.
 */
import type { IndexedEvent } from '../chain/indexer.ts'
import type { HospitalNode } from '../node.ts'

type EventFacts = Pick<IndexedEvent, 'name' | 'args'>

const same = (a: string | undefined, b: string) => a?.toLowerCase() === b.toLowerCase()

/** The records `patient` keeps restricted now, replayed in order from the registry's events. */
export function restrictedRecordIds(events: readonly EventFacts[], patient: string): Set<number> {
  const restricted = new Set<number>()
  for (const { name, args } of events) {
    if (name !== 'RecordRestrictionChanged' || !same(args.patient, patient)) continue
    if (args.restricted === 'true') restricted.add(Number(args.recordId))
    else restricted.delete(Number(args.recordId))
  }
  return restricted
}

/** The versions a grantee's key bundle covers: every version of every record not restricted. */
export function grantableVersions<Version>(
  records: readonly { recordId: number; versions: readonly Version[] }[],
  restricted: ReadonlySet<number>,
): Version[] {
  return records.filter((r) => !restricted.has(r.recordId)).flatMap((r) => r.versions)
}

/** `restrictedRecordIds` over the node's indexed events. */
export function restrictedRecords(node: HospitalNode, patient: string): Set<number> {
  return restrictedRecordIds(node.chain.indexer.events('RecordRestrictionChanged'), patient)
}

/**
 * Whether re-keying a version closes anything: someone who holds its key (`holders`, from its
 * manifest and the bundles naming it) is not among those who may read it now (`readers`). With
 * `closing`, only that account counts (a revocation closes one reader, not every past one).
 */
export function needsRotation(input: {
  holders: Iterable<string>
  readers: Iterable<string>
  closing?: string
}): boolean {
  const readers = new Set([...input.readers].map((r) => r.toLowerCase()))
  const outsiders = [...input.holders].map((h) => h.toLowerCase()).filter((h) => !readers.has(h))
  return input.closing === undefined
    ? outsiders.length > 0
    : outsiders.includes(input.closing.toLowerCase())
}
