import { Alert, Badge, Card, DataList, Group, Stack, Title } from '@mantine/core'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { DataField } from '../../../shared/DataField.tsx'
import { summariseFhir } from './fhirSummary.ts'
import { TextView } from './TextView.tsx'

type Parsed = { ok: true; value: unknown } | { ok: false; message: string }

function parse(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) }
  }
}

/** JSON, pretty-printed; a FHIR resource also gets a summary of its key fields on top. */
export function FhirView({ text }: { text: string }) {
  const { t } = useTranslation()
  const parsed = useMemo(() => parse(text), [text])
  if (!parsed.ok) {
    return (
      <Stack gap="sm">
        <Alert color="yellow" variant="light" title={t('records.fhir.invalidTitle')}>
          {t('records.fhir.invalid', { message: parsed.message })}
        </Alert>
        <TextView text={text} label={t('records.viewer.textLabel')} />
      </Stack>
    )
  }
  const summary = summariseFhir(parsed.value)
  const pretty = JSON.stringify(parsed.value, null, 2)
  return (
    <Stack gap="md">
      {summary && (
        <Card withBorder radius="md" padding="md" data-testid="viewer-fhir-summary">
          <Group gap="sm" mb="sm">
            <Title order={3} size="h5">
              {t('records.fhir.summary')}
            </Title>
            <Badge variant="light" tt="none" data-testid="fhir-resource-type">
              {summary.resourceType}
            </Badge>
          </Group>
          <DataList gap="xs" labelWidth="10rem" withDivider>
            {summary.id !== undefined && (
              <DataField label={t('records.fhir.id')} value={summary.id} copyValue={summary.id} />
            )}
            {summary.fields.map((field) => (
              <DataField key={field.labelKey} label={t(field.labelKey)} value={field.value} />
            ))}
          </DataList>
        </Card>
      )}
      <TextView text={pretty} label={t('records.viewer.jsonLabel')} />
    </Stack>
  )
}
