import { useQuery, useQueryClient } from '@tanstack/react-query'
import type { OpenedRecord, RecordView } from '../../../../electron/node/records/types.ts'
import { emr } from '../../api/emr.ts'
import { emergenciesKey } from '../emergency/queries.ts'

/**
 * Kept under the patients key: signing out forgets every `['patients', …]` query, so nothing
 * read under one session (titles, let alone decrypted files) stays in memory for the next user.
 */
export function patientRecordsKey(patient: string) {
  return ['patients', patient.toLowerCase(), 'records'] as const
}

/** A patient's records, newest first, each with its versions, newest first. */
export function usePatientRecords(patient: string) {
  return useQuery({
    queryKey: patientRecordsKey(patient),
    queryFn: (): Promise<RecordView[]> => emr.records.list({ patient }),
  })
}

/**
 * One version, fetched, verified and decrypted by the node. The plaintext is dropped from the
 * cache as soon as the viewer closes, and never fetched again behind the user's back.
 */
export function useOpenedRecord(patient: string, cid: string) {
  const queryClient = useQueryClient()
  return useQuery({
    queryKey: [...patientRecordsKey(patient), 'open', cid],
    queryFn: async (): Promise<OpenedRecord> => {
      const opened = await emr.records.open({ cid })
      // The emergency banner counts the reads this node logged: it says what actually opened.
      void queryClient.invalidateQueries({ queryKey: emergenciesKey })
      return opened
    },
    gcTime: 0,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: false,
  })
}
