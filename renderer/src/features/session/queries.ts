import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import type { SessionView, SetupStatus } from '../../../../electron/node/identity/types.ts'
import { emr } from '../../api/emr.ts'

export const setupStatusKey = ['setup', 'status'] as const
export const sessionKey = ['session'] as const

/** Data that belongs to whoever is signed in, forgotten when they sign out. */
const sessionDataKeys = [['staff'], ['patients']] as const

/** Whether this node still needs its network set up. */
export function useSetupStatus() {
  return useQuery({
    queryKey: setupStatusKey,
    queryFn: (): Promise<SetupStatus> => emr.setup.status(),
    // Only this app's own set-up changes it, and that invalidates it when the user moves on.
    staleTime: Infinity,
    // A node still starting answers with an error: ask again until it is up.
    refetchInterval: (query) => (query.state.status === 'error' ? 2000 : false),
  })
}

/** Who is signed in on this workstation, with what the registry says about them. */
export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: (): Promise<SessionView | null> => emr.session.get(),
    staleTime: 15_000,
  })
}

/** Drops the session and everything read under it (another user may sign in next). */
export function forgetSession(queryClient: QueryClient): void {
  queryClient.setQueryData<SessionView | null>(sessionKey, null)
  for (const queryKey of sessionDataKeys) queryClient.removeQueries({ queryKey })
}

export function useSignIn() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: { address: string; passphrase: string }): Promise<SessionView> =>
      emr.session.signIn(input),
    onSuccess: (session) => {
      for (const queryKey of sessionDataKeys) queryClient.removeQueries({ queryKey })
      queryClient.setQueryData(sessionKey, session)
    },
  })
}

export function useSignOut() {
  const queryClient = useQueryClient()
  return useMutation({
    // Forgotten first, so the `locked` event the node sends back is not taken for an idle lock.
    mutationFn: async (): Promise<void> => {
      forgetSession(queryClient)
      await emr.session.signOut()
    },
    onError: () => queryClient.invalidateQueries({ queryKey: sessionKey }),
  })
}
