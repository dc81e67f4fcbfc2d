import { Button, Group, NativeSelect, Stack, Text } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { ReceiptCard } from '../../shared/ReceiptCard.tsx'
import { accessPurposes, purposeKeys, type AccessPurpose } from './purposes.ts'
import { useRequestAccess } from './queries.ts'

/**
 * Staff ask the patient for access, saying why; the request goes on chain, and the patient sees
 * it in their access panel (or at the next visit, at a staff workstation).
 */
export function RequestAccessForm({
  patient,
  onSent,
}: {
  patient: string
  /** Told once the request is on chain (its receipt stays shown here). */
  onSent?: () => void
}) {
  const { t } = useTranslation()
  const [purpose, setPurpose] = useState<AccessPurpose | ''>('')
  const [missing, setMissing] = useState(false)
  const request = useRequestAccess(patient)

  function handleSubmit(event: FormEvent) {
    event.preventDefault()
    if (purpose === '') return setMissing(true)
    request.mutate({ purpose }, { onSuccess: () => onSent?.() })
  }

  if (request.isSuccess) {
    return (
      <Stack gap="xs">
        <ReceiptCard receipt={request.data.receipt} title={t('access.request.doneTitle')} />
        <Text size="sm">{t('access.request.doneBody')}</Text>
      </Stack>
    )
  }

  return (
    <form onSubmit={handleSubmit} noValidate aria-label={t('access.request.title')}>
      <Stack gap="sm">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <NativeSelect
            label={t('access.request.purpose')}
            data={[
              { value: '', label: t('access.request.choosePurpose'), disabled: true },
              ...accessPurposes.map((value) => ({ value, label: t(purposeKeys[value]) })),
            ]}
            value={purpose}
            onChange={(event) => {
              setPurpose(event.currentTarget.value as AccessPurpose)
              setMissing(false)
            }}
            error={missing ? t('access.request.purposeRequired') : undefined}
            style={{ minWidth: 260 }}
          />
          <Button type="submit" loading={request.isPending}>
            {t('access.request.submit')}
          </Button>
        </Group>
        {request.isError && <ErrorAlert error={request.error} title={t('access.request.failed')} />}
      </Stack>
    </form>
  )
}
