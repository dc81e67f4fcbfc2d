import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { NodeStatus } from '../../../../electron/node/status.ts'
import { emr } from '../../api/emr.ts'

export const nodeStatusKey = ['node', 'status'] as const

/** Often enough to feel live, rare enough to cost the node nothing. */
const pollIntervalMs = 2000

/**
 * The node's status, polled; the block height also follows the node's `block` event so it moves
 * as soon as a block is mined instead of up to one poll later.
 */
export function useNodeStatus() {
  const queryClient = useQueryClient()

  useEffect(
    () =>
      emr.on('block', ({ height }) => {
        queryClient.setQueryData<NodeStatus>(nodeStatusKey, (status) =>
          status ? { ...status, chain: { ...status.chain, blockHeight: height } } : status,
        )
      }),
    [queryClient],
  )

  return useQuery({
    queryKey: nodeStatusKey,
    queryFn: (): Promise<NodeStatus> => emr.node.status(),
    refetchInterval: pollIntervalMs,
  })
}
