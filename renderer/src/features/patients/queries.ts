import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { MethodInput } from '../../../../electron/node/api/spec.ts'
import type {
  PatientKeyReissue,
  PatientRegistration,
  PatientRow,
} from '../../../../electron/node/identity/types.ts'
import { emr } from '../../api/emr.ts'

export const patientsKey = ['patients'] as const

/** Patients by name (part of it), medical record number (its start) or address; recent ones for ''. */
export function usePatientSearch(query: string) {
  return useQuery({
    queryKey: [...patientsKey, 'search', query],
    queryFn: (): Promise<PatientRow[]> => emr.patients.search({ query }),
    // The previous results stay while the next ones load, instead of a flash of empty table.
    placeholderData: keepPreviousData,
  })
}

/** The registration desk: a new patient account, relayed so the patient pays no gas. */
export function useRegisterPatient() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: MethodInput<'patients.register'>): Promise<PatientRegistration> =>
      emr.patients.register(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: patientsKey }),
  })
}

/**
 * Key re-issue for a patient who lost their keystore (administrators): the new key file and
 * passphrase come back once, as at registration.
 */
export function useReissuePatientKey() {
  return useMutation({
    mutationFn: (input: MethodInput<'patients.reissueKey'>): Promise<PatientKeyReissue> =>
      emr.patients.reissueKey(input),
  })
}
