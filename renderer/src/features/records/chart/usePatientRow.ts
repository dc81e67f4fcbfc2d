import type { PatientRow } from '../../../../../electron/node/identity/types.ts'
import { usePatientSearch } from '../../patients/queries.ts'

/** The patient as registered at this node (found by address), or undefined if registered elsewhere. */
export function usePatientRow(patient: string, enabled = true) {
  const search = usePatientSearch(enabled ? patient : '')
  const row: PatientRow | undefined = enabled
    ? search.data?.find((candidate) => candidate.address.toLowerCase() === patient.toLowerCase())
    : undefined
  return { row, isPending: enabled && search.isPending }
}
