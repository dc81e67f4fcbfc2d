import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { MethodInput } from '../../../../electron/node/api/spec.ts'
import type {
  InstitutionView,
  MemberStatusName,
  StaffRow,
  TxReceiptView,
} from '../../../../electron/node/identity/types.ts'
import type { SuspensionReason } from '../../../../electron/node/identity/schemas.ts'
import { emr } from '../../api/emr.ts'
import { sessionKey } from '../session/queries.ts'

export const institutionsKey = ['institutions'] as const
export const staffKey = ['staff'] as const

export interface StaffFilter {
  status?: Exclude<MemberStatusName, 'none'>
  institution?: number
}

/** The network's institutions, as the registry's events list them. */
export function useInstitutions() {
  return useQuery({
    queryKey: institutionsKey,
    queryFn: (): Promise<InstitutionView[]> => emr.institutions.list(),
    staleTime: 60_000,
  })
}

export function useStaffList(filter: StaffFilter = {}, enabled = true) {
  return useQuery({
    queryKey: [...staffKey, filter],
    queryFn: (): Promise<StaffRow[]> => emr.staff.list(filter),
    enabled,
  })
}

/** The signed-in account asks to join an institution's staff; its admin decides. */
export function useRegisterSelf() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: MethodInput<'staff.register'>): Promise<TxReceiptView> =>
      emr.staff.register(input),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: sessionKey }),
        queryClient.invalidateQueries({ queryKey: staffKey }),
      ]),
  })
}

/** An administrator registers someone as active staff at once (the IC card checked in person). */
export function useRegisterDirect() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: MethodInput<'staff.registerDirect'>): Promise<TxReceiptView> =>
      emr.staff.registerDirect(input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: staffKey }),
  })
}

export type StaffDecision = 'approve' | 'reject' | 'suspend' | 'reinstate'

/** A decision as sent: a suspension carries its reason code. */
export type StaffDecisionInput =
  | { decision: Exclude<StaffDecision, 'suspend'>; account: string }
  | { decision: 'suspend'; account: string; reason: SuspensionReason }

/** An administrator's decision on one staff member, with the transaction's receipt. */
export function useStaffDecision() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: StaffDecisionInput): Promise<TxReceiptView> =>
      input.decision === 'suspend'
        ? emr.staff.suspend({ account: input.account, reason: input.reason })
        : emr.staff[input.decision]({ account: input.account }),
    // Refused or not, the list is re-read: a refusal (ERR_NOT_PENDING) often means it moved on.
    onSettled: () => queryClient.invalidateQueries({ queryKey: staffKey }),
  })
}
