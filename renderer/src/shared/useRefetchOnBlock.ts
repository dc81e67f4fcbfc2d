import { useQueryClient, type QueryKey } from '@tanstack/react-query'
import { useEffect } from 'react'
import { emr } from '../api/emr.ts'

/**
 * Re-reads a query at each new block: lists built from chain events (requests, grants,
 * emergencies) change when a block lands, not on a timer. The key is compared by its JSON, so
 * callers may build it inline.
 */
export function useRefetchOnBlock(queryKey: QueryKey, enabled = true): void {
  const queryClient = useQueryClient()
  const keyJson = JSON.stringify(queryKey)
  useEffect(() => {
    if (!enabled) return undefined
    return emr.on('block', () => {
      void queryClient.invalidateQueries({ queryKey: JSON.parse(keyJson) as QueryKey })
    })
  }, [queryClient, keyJson, enabled])
}
