import type { NodeStatus } from '../../../../electron/node/status.ts'
import { ChainCard } from './ChainCard.tsx'
import { DatabaseCard } from './DatabaseCard.tsx'
import { IpfsCard } from './IpfsCard.tsx'
import { NodeCard } from './NodeCard.tsx'
import { StatusGrid } from './StatusGrid.tsx'

export function NodeStatusCards({ status }: { status: NodeStatus }) {
  return (
    <StatusGrid>
      <ChainCard chain={status.chain} />
      <IpfsCard ipfs={status.ipfs} />
      <DatabaseCard database={status.database} />
      <NodeCard node={status} />
    </StatusGrid>
  )
}
