import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { MethodInput } from '../../../../electron/node/api/spec.ts'
import type { InstitutionAdded } from '../../../../electron/node/identity/types.ts'
import { emr } from '../../api/emr.ts'
import { institutionsKey, staffKey } from '../staff/queries.ts'

/** The governor adds an institution with its first administrator. */
export function useAddInstitution() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: MethodInput<'institutions.add'>): Promise<InstitutionAdded> =>
      emr.institutions.add(input),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: institutionsKey }),
        queryClient.invalidateQueries({ queryKey: staffKey }),
      ]),
  })
}
