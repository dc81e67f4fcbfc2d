import type { ParseKeys } from 'i18next'
import {
  suspensionReasons,
  type SuspensionReason,
} from '../../../../electron/node/identity/schemas.ts'

/** What a detail says: known words to translate, a time, an institution, or the node's text. */
export type DetailText =
  | { kind: 'words'; key: ParseKeys; values?: Record<string, string | number> }
  | { kind: 'until'; time: string }
  | { kind: 'custodian'; institution: number }
  | { kind: 'suspension'; reason: SuspensionReason }
  /** A read allowed without the chain, on this node's index as of `block`. */
  | { kind: 'offline'; read: ParseKeys; block: number }
  | { kind: 'raw'; text: string }

// The node describes entries in a few fixed words; anything new is shown as the node wrote it.
const fixed: Partial<Record<string, ParseKeys>> = {
  'pending approval': 'audit.details.pendingApproval',
  'registered by an administrator': 'audit.details.registeredByAdmin',
  'until revoked': 'audit.details.untilRevoked',
  open: 'audit.details.open',
  save: 'audit.details.save',
  verify: 'audit.details.verify',
  'open during an emergency': 'audit.details.openEmergency',
  'save during an emergency': 'audit.details.saveEmergency',
  'verify during an emergency': 'audit.details.verifyEmergency',
  // Refused reads carry the refusal's error code.
  ERR_ACCESS_NOT_REGISTERED: 'audit.denials.notRegistered',
  ERR_ACCESS_SUSPENDED: 'audit.denials.suspended',
  ERR_ACCESS_NEVER_GRANTED: 'audit.denials.neverGranted',
  ERR_ACCESS_EXPIRED: 'audit.denials.expired',
  ERR_ACCESS_REVOKED: 'audit.denials.revoked',
  ERR_ACCESS_RESTRICTED: 'audit.denials.restricted',
}

/** What an entry's detail says, as a translation key where the words are known. */
export function describeDetail(detail: string): DetailText {
  const key = fixed[detail]
  if (key) return { kind: 'words', key }
  const offline = /^(.+) offline as of block (\d+)$/.exec(detail)
  const readKey = offline?.[1] && fixed[offline[1]]
  if (readKey) return { kind: 'offline', read: readKey, block: Number(offline[2]) }
  const until = /^until (\d{4}-\d{2}-\d{2}T[\d:.]+Z)$/.exec(detail)
  if (until?.[1]) return { kind: 'until', time: until[1] }
  const suspension = /^suspension reason ([a-z-]+)$/.exec(detail)?.[1]
  if (isSuspensionReason(suspension)) return { kind: 'suspension', reason: suspension }
  const custodian = /^custodian institution (\d+)$/.exec(detail)
  if (custodian) return { kind: 'custodian', institution: Number(custodian[1]) }
  const anchored = /^(\d+) read-log entries, head (?:0x)?([0-9a-fA-F]+)$/.exec(detail)
  if (anchored?.[2]) {
    return {
      kind: 'words',
      key: 'audit.details.anchored',
      values: {
        count: Number(anchored[1]),
        head: `${anchored[2].slice(0, 8)}…${anchored[2].slice(-6)}`,
      },
    }
  }
  return { kind: 'raw', text: detail }
}

function isSuspensionReason(text: string | undefined): text is SuspensionReason {
  return (suspensionReasons as readonly (string | undefined)[]).includes(text)
}
