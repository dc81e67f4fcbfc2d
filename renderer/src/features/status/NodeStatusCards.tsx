import { Stack } from '@mantine/core'
import type { NodeStatus } from '../../../../electron/node/status.ts'
import { ChainCard } from './ChainCard.tsx'
import { DatabaseCard } from './DatabaseCard.tsx'
import { IpfsCard } from './IpfsCard.tsx'
import { NodeCard } from './NodeCard.tsx'
import { PeersCard } from './PeersCard.tsx'
import { StatusGrid } from './StatusGrid.tsx'

export function NodeStatusCards({ status }: { status: NodeStatus }) {
  return (
    <Stack gap="lg">
      <StatusGrid>
        <ChainCard chain={status.chain} />
        <IpfsCard ipfs={status.ipfs} />
        <DatabaseCard database={status.database} />
        <NodeCard node={status} />
      </StatusGrid>
      {/* A table of six columns: the full width, under the cards. */}
      <PeersCard peers={status.ipfs.peers} />
    </Stack>
  )
}
