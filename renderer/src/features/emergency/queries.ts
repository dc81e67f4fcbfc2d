import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { MethodInput } from '../../../../electron/node/api/spec.ts'
import type {
  AccessActionResult,
  EmergencyPolicyView,
  EmergencyView,
} from '../../../../electron/node/access/types.ts'
import type { TxReceiptView } from '../../../../electron/node/identity/types.ts'
import { emr } from '../../api/emr.ts'
import { useRefetchOnBlock } from '../../shared/useRefetchOnBlock.ts'
import { patientsKey } from '../patients/queries.ts'

/** Under the patients key: signing out forgets whose glass was broken. */
export const emergenciesKey = [...patientsKey, 'emergencies'] as const

/** Emergencies declared on the network, newest first; re-read at every block. */
export function useEmergencies(activeOnly: boolean, enabled = true) {
  const queryKey = [...emergenciesKey, { activeOnly }] as const
  useRefetchOnBlock(queryKey, enabled)
  return useQuery({
    queryKey,
    queryFn: (): Promise<EmergencyView[]> => emr.emergency.list({ activeOnly }),
    enabled,
  })
}

export type DeclaredEmergency = EmergencyView & { receipt: TxReceiptView }

/** Active staff break the glass on a patient's records: 24 hours, every read logged. */
export function useDeclareEmergency() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: MethodInput<'emergency.declare'>): Promise<DeclaredEmergency> =>
      emr.emergency.declare(input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: patientsKey }),
  })
}

/** The custodian's administrator hands the emergency's staff member the record keys. */
export function useReleaseKeys() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: MethodInput<'emergency.releaseKeys'>): Promise<AccessActionResult> =>
      emr.emergency.releaseKeys(input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: emergenciesKey }),
  })
}

/** The signed-in staff member's emergency on this patient that is still running, if any. */
export function useMyActiveEmergency(patient: string, self: string, enabled = true) {
  const emergencies = useEmergencies(true, enabled)
  return emergencies.data?.find(
    (emergency) =>
      emergency.active &&
      emergency.patient.address.toLowerCase() === patient.toLowerCase() &&
      emergency.staff.address.toLowerCase() === self.toLowerCase(),
  )
}

/** An institution's break-the-glass rules: who may declare, and whether release is automatic. */
export function useEmergencyPolicy(institution: number | null | undefined) {
  const enabled = institution !== null && institution !== undefined
  const queryKey = [...emergenciesKey, 'policy', institution ?? 0] as const
  useRefetchOnBlock(queryKey, enabled)
  return useQuery({
    queryKey,
    queryFn: (): Promise<EmergencyPolicyView> =>
      emr.emergency.policy({ institution: institution! }),
    enabled,
  })
}

/** An administrator sets which roles of their institution may break the glass. */
export function useSetEmergencyRoles() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: MethodInput<'emergency.setRoles'>) => emr.emergency.setRoles(input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: emergenciesKey }),
  })
}

/** An administrator makes this node release their institution's keys with nobody signed in. */
export function useEnableAutomaticRelease() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => emr.emergency.enableAutomaticRelease(),
    onSettled: () => queryClient.invalidateQueries({ queryKey: emergenciesKey }),
  })
}

/** An administrator turns automatic release off: keys go out only while an administrator is in. */
export function useDisableAutomaticRelease() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => emr.emergency.disableAutomaticRelease(),
    onSettled: () => queryClient.invalidateQueries({ queryKey: emergenciesKey }),
  })
}
