import { Card, Skeleton, Stack } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { StatusGrid } from './StatusGrid.tsx'

const cardRows = [5, 4, 3, 3]

/** The cards' shape while the first status is on its way, so nothing jumps when it arrives. */
export function StatusSkeleton() {
  const { t } = useTranslation()
  return (
    <div aria-busy="true" aria-label={t('app.loading')} data-testid="status-loading">
      <StatusGrid>
        {cardRows.map((rows, card) => (
          <Card key={card} withBorder radius="md" padding="lg">
            <Skeleton height={22} width="35%" mb="md" />
            <Stack gap="md">
              {Array.from({ length: rows }, (_, row) => (
                <Skeleton key={row} height={16} width={row % 2 === 0 ? '90%' : '70%'} />
              ))}
            </Stack>
          </Card>
        ))}
      </StatusGrid>
    </div>
  )
}
