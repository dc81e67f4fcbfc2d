import { useTranslation } from 'react-i18next'
import type { NodeStatus } from '../../../../electron/node/status.ts'
import { useFormatters } from '../../i18n/format.ts'
import { StatusCard } from './StatusCard.tsx'
import { DataField } from '../../shared/DataField.tsx'

export function DatabaseCard({ database }: { database: NodeStatus['database'] }) {
  const { t } = useTranslation()
  const format = useFormatters()
  return (
    <StatusCard title={t('status.database.title')}>
      <DataField
        label={t('status.database.path')}
        value={database.path}
        copyValue={database.path}
      />
      <DataField
        label={t('status.database.schemaVersion')}
        value={String(database.schemaVersion)}
      />
      <DataField
        label={t('status.database.indexedEvents')}
        value={format.number(database.indexedEvents)}
        rawValue={database.indexedEvents}
      />
    </StatusCard>
  )
}
