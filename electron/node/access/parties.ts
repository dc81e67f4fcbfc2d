import { getAddress } from 'ethers'
import { listStaff } from '../identity/staff.ts'
import type { HospitalNode } from '../node.ts'
import type { PartyView } from './types.ts'

/**
 * Names accounts for lists: staff and patients registered from this node have their names here
 * (personal data stays local), accounts of this workstation their labels; others stay addresses.
 */
export function partyResolver(node: HospitalNode): (address: string) => PartyView {
  const staff = new Map(listStaff(node).map((s) => [s.address.toLowerCase(), s]))
  const patients = new Map(
    (
      node.db.prepare('SELECT address, name FROM patients').all() as {
        address: string
        name: string
      }[]
    ).map((p) => [p.address.toLowerCase(), p.name]),
  )
  const labels = new Map(node.vault.list().map((a) => [a.address.toLowerCase(), a.label]))
  return (address) => {
    const key = address.toLowerCase()
    const member = staff.get(key)
    return {
      address: getAddress(address),
      name: member?.name ?? patients.get(key) ?? labels.get(key) ?? null,
      institution: member?.institution ?? null,
    }
  }
}
