import { Alert, Code, Stack, Text } from '@mantine/core'
import type { ParseKeys } from 'i18next'
import { useTranslation } from 'react-i18next'
import { isActiveStaff } from '../../../shared/access.ts'
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx'
import { useErrorText } from '../../../shared/errorText.ts'
import { apiErrorOf } from '../../../shared/errors.ts'
import { AccessDenied, isAccessDenial } from '../../access/AccessDenied.tsx'
import { KeysWaiting } from '../../emergency/KeysWaiting.tsx'
import { useMyActiveEmergency } from '../../emergency/queries.ts'
import { useSession } from '../../session/queries.ts'

// What the reader can do about each refusal; chosen by code, never by message text.
const hints: Partial<Record<string, ParseKeys>> = {
  ERR_NO_RECORD_KEY: 'records.viewer.hintNoKey',
  ERR_CONTENT_NOT_FOUND: 'records.viewer.hintNotFound',
  ERR_NOT_ANCHORED: 'records.viewer.hintNotAnchored',
}

interface OpenFailureProps {
  error: unknown
  patient: string
  onRetry: () => void
  retrying: boolean
}

/** Why a version was not shown. A failed verification is said plainly, in red, and not retried. */
export function OpenFailure({ error, patient, onRetry, retrying }: OpenFailureProps) {
  const { t } = useTranslation()
  const info = apiErrorOf(error)
  const errorText = useErrorText()
  const session = useSession().data
  const staff = !!session && isActiveStaff(session)
  const emergency = useMyActiveEmergency(patient, session?.address ?? '', staff)
  if (info && isAccessDenial(info.code)) {
    return <AccessDenied error={info} patient={patient} canRequest={staff} />
  }
  if (info?.code === 'ERR_TAMPERED') {
    return (
      <Alert
        color="red"
        variant="filled"
        title={t('records.viewer.tamperedTitle')}
        data-testid="viewer-tampered"
      >
        <Stack gap={4}>
          <Text size="sm">{errorText(info)}</Text>
          <Text size="sm">
            {t('errors.code')}:{' '}
            <Code color="white" c="red.9" fw={600} data-testid="error-code">
              {info.code}
            </Code>
          </Text>
          <Text size="sm">{t('records.viewer.tamperedBody')}</Text>
        </Stack>
      </Alert>
    )
  }
  // Under an emergency, a missing key means the custodian has not released the keys yet: say
  // whose node the reader is waiting on.
  const waiting = info?.code === 'ERR_NO_RECORD_KEY' && emergency && !emergency.keysReleasedAt
  const hint = info && !waiting ? hints[info.code] : undefined
  return (
    <Stack gap="xs">
      <ErrorAlert
        error={error}
        title={t('records.viewer.openFailed')}
        onRetry={onRetry}
        retrying={retrying}
      />
      {waiting && <KeysWaiting emergency={emergency} />}
      {hint && <Text size="sm">{t(hint)}</Text>}
    </Stack>
  )
}
