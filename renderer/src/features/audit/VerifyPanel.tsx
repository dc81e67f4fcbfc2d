import { Button, Card, DataList, Group, Skeleton, Stack, Text, Title } from '@mantine/core'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { DataField } from '../../shared/DataField.tsx'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { AnchorList } from './AnchorList.tsx'
import { AnchorNow } from './AnchorNow.tsx'
import { IntegrityVerdict } from './IntegrityVerdict.tsx'
import { useAuditVerification } from './queries.ts'

/**
 * The read log's integrity: its hash chain checked entry by entry, and each head anchored on
 * chain compared with it. Checked when the screen opens, and again on demand.
 */
export function VerifyPanel() {
  const { t } = useTranslation()
  const titleId = useId()
  const verification = useAuditVerification()

  let body
  if (verification.isPending) {
    body = <Skeleton height={72} />
  } else if (verification.isError) {
    body = (
      <ErrorAlert
        error={verification.error}
        onRetry={() => void verification.refetch()}
        retrying={verification.isFetching}
      />
    )
  } else {
    const { head, anchors } = verification.data
    body = (
      <Stack gap="md">
        <IntegrityVerdict verification={verification.data} />
        <DataList gap="sm" labelWidth="10rem">
          <DataField
            label={t('audit.verify.head')}
            value={head}
            copyValue={head}
            testId="audit-head"
          />
        </DataList>
        {anchors.length > 0 && <AnchorList anchors={anchors} />}
      </Stack>
    )
  }

  return (
    <Card component="section" withBorder radius="md" padding="lg" aria-labelledby={titleId}>
      <Group justify="space-between" align="center" mb="xs" wrap="wrap">
        <Title id={titleId} order={2} size="h4">
          {t('audit.verify.title')}
        </Title>
        <Button
          variant="default"
          size="sm"
          onClick={() => void verification.refetch()}
          loading={verification.isFetching}
        >
          {t('audit.verify.again')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {t('audit.verify.description')}
      </Text>
      <Stack gap="lg">
        {body}
        <AnchorNow />
      </Stack>
    </Card>
  )
}
