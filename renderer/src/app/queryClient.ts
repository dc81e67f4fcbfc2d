import { QueryClient } from '@tanstack/react-query'
import { ApiError } from '../api/emr.ts'

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A typed error is the node's considered answer: asking again at once changes nothing
      // (polling queries try again on their own). A transport failure may be a blip: once.
      retry: (failureCount, error) => !(error instanceof ApiError) && failureCount < 1,
    },
    mutations: { retry: false },
  },
})
