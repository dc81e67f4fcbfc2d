import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query'
import { reportIfVaultLocked } from '../features/session/lockSignal.ts'
import { apiErrorOf } from '../shared/errors.ts'

export const queryClient = new QueryClient({
  // Any call refused because the session has ended takes the user to the sign-in screen.
  queryCache: new QueryCache({ onError: reportIfVaultLocked }),
  mutationCache: new MutationCache({ onError: reportIfVaultLocked }),
  defaultOptions: {
    queries: {
      // A typed error is the node's considered answer: asking again at once changes nothing
      // (polling queries try again on their own). A transport failure may be a blip: once.
      retry: (failureCount, error) => apiErrorOf(error) === undefined && failureCount < 1,
    },
    mutations: { retry: false },
  },
})
