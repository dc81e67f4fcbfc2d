import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { MethodInput } from '../../../../electron/node/api/spec.ts'
import type { AccessActionResult, AccessOverview } from '../../../../electron/node/access/types.ts'
import { emr } from '../../api/emr.ts'
import { useRefetchOnBlock } from '../../shared/useRefetchOnBlock.ts'
import { patientRecordsKey } from '../records/queries.ts'

/** Kept under the patients key, so signing out forgets who may read whose chart. */
export function accessOverviewKey(patient: string) {
  return ['patients', patient.toLowerCase(), 'access'] as const
}

/**
 * Who asked for, holds and lost access to a patient's records, which records are restricted, and
 * the emergencies declared on them; re-read at every block, as answers arrive on chain.
 */
export function useAccessOverview(patient: string, enabled = true) {
  const queryKey = accessOverviewKey(patient)
  useRefetchOnBlock(queryKey, enabled)
  return useQuery({
    queryKey,
    queryFn: (): Promise<AccessOverview> => emr.access.overview({ patient }),
    enabled,
  })
}

/** After a change: the overview, and the chart (readers and restrictions decide what opens). */
function useAccessChanged(patient: string) {
  const queryClient = useQueryClient()
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: accessOverviewKey(patient) }),
      // The list only: an open version refetched here would drop the screen showing it.
      queryClient.invalidateQueries({ queryKey: patientRecordsKey(patient), exact: true }),
    ])
}

/** Staff ask the patient for access, with a purpose the patient sees. */
export function useRequestAccess(patient: string) {
  const changed = useAccessChanged(patient)
  return useMutation({
    mutationFn: (
      input: Omit<MethodInput<'access.request'>, 'patient'>,
    ): Promise<AccessActionResult> => emr.access.request({ patient, ...input }),
    onSuccess: changed,
  })
}

/** The signed-in patient says no to a request; kept on this node (the chain has no refusal). */
export function useDeclineRequest(patient: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (requestTxHash: string): Promise<{ declinedAt: string }> =>
      emr.access.decline({ patient, requestTxHash }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accessOverviewKey(patient) }),
  })
}

/** What a patient decides: grant, revoke, or restrict one record; consent when not signed in. */
export type PatientAction =
  | { kind: 'grant'; reader: string; until?: string }
  | { kind: 'revoke'; reader: string; rotateKeys: boolean }
  | { kind: 'restrict'; recordId: number; restricted: boolean }

export type PatientConsent = NonNullable<MethodInput<'access.grant'>['consent']>

export function usePatientAction(patient: string) {
  const changed = useAccessChanged(patient)
  return useMutation({
    mutationFn: ({
      action,
      consent,
    }: {
      action: PatientAction
      consent: PatientConsent | undefined
    }): Promise<AccessActionResult> => {
      const signed = { patient, ...(consent ? { consent } : {}) }
      switch (action.kind) {
        case 'grant':
          return emr.access.grant({
            ...signed,
            reader: action.reader,
            ...(action.until ? { until: action.until } : {}),
          })
        case 'revoke':
          return emr.access.revoke({
            ...signed,
            reader: action.reader,
            rotateKeys: action.rotateKeys,
          })
        case 'restrict':
          return emr.access.restrict({
            ...signed,
            recordId: action.recordId,
            restricted: action.restricted,
          })
      }
    },
    // Refused or not, re-read: a refusal often means the chain moved on (already revoked).
    onSettled: changed,
  })
}
