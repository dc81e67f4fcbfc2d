import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { MethodInput } from '../../../../electron/node/api/spec.ts'
import type { AccountView, TopUpView } from '../../../../electron/node/identity/types.ts'
import { emr } from '../../api/emr.ts'
import { downloadText } from '../../shared/download.ts'

export const accountsKey = ['accounts'] as const

/** The accounts whose encrypted keys are on this workstation. */
export function useAccounts() {
  return useQuery({
    queryKey: accountsKey,
    queryFn: (): Promise<AccountView[]> => emr.accounts.list(),
  })
}

export function useCreateAccount() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (
      input: MethodInput<'accounts.create'>,
    ): Promise<{ address: string; mnemonic: string }> => emr.accounts.create(input),
    // 'all': the sign-in screen that lists them is not on screen yet, but is opened next.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountsKey, refetchType: 'all' }),
  })
}

export function useImportKeystore() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: MethodInput<'accounts.importKeystore'>): Promise<AccountView> =>
      emr.accounts.importKeystore(input),
    // 'all': the sign-in screen that lists them is not on screen yet, but is opened next.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountsKey, refetchType: 'all' }),
  })
}

export function useImportMnemonic() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: MethodInput<'accounts.importMnemonic'>): Promise<AccountView> =>
      emr.accounts.importMnemonic(input),
    // 'all': the sign-in screen that lists them is not on screen yet, but is opened next.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountsKey, refetchType: 'all' }),
  })
}

/** Saves an account's encrypted key file as `<address>.json`. */
export function useExportKeystore() {
  return useMutation({
    mutationFn: async (address: string): Promise<string> => {
      const json: string = await emr.accounts.exportKeystore({ address })
      const fileName = `${address}.json`
      downloadText(fileName, json)
      return fileName
    },
  })
}

/** The governor or an administrator sends ETH to an account for its gas (external chains). */
export function useFundAccount() {
  return useMutation({
    mutationFn: (input: MethodInput<'accounts.fund'>): Promise<TopUpView> =>
      emr.accounts.fund(input),
  })
}
