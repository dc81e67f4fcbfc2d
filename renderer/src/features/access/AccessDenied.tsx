import { Alert, Code, Stack, Text } from '@mantine/core'
import type { ParseKeys } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { AccessDeniedCode, ApiErrorInfo, ErrorCode } from '../../shared/errors.ts'
import { RequestAccessForm } from './RequestAccessForm.tsx'

interface Denial {
  titleKey: ParseKeys
  bodyKey: ParseKeys
  /** The patient can change this by granting (again): offer to ask them. */
  canRequest: boolean
}

// Why the chain refused the reader, by code (never by message text), with what to do next: one
// entry for every access-denial code of the node, or the type-check fails.
const denials: Record<AccessDeniedCode, Denial> = {
  ERR_ACCESS_NOT_REGISTERED: {
    titleKey: 'access.denied.notRegisteredTitle',
    bodyKey: 'access.denied.notRegistered',
    canRequest: false,
  },
  ERR_ACCESS_SUSPENDED: {
    titleKey: 'access.denied.suspendedTitle',
    bodyKey: 'access.denied.suspended',
    canRequest: false,
  },
  ERR_ACCESS_NEVER_GRANTED: {
    titleKey: 'access.denied.neverGrantedTitle',
    bodyKey: 'access.denied.neverGranted',
    canRequest: true,
  },
  ERR_ACCESS_EXPIRED: {
    titleKey: 'access.denied.expiredTitle',
    bodyKey: 'access.denied.expired',
    canRequest: true,
  },
  ERR_ACCESS_REVOKED: {
    titleKey: 'access.denied.revokedTitle',
    bodyKey: 'access.denied.revoked',
    canRequest: true,
  },
  ERR_ACCESS_RESTRICTED: {
    titleKey: 'access.denied.restrictedTitle',
    bodyKey: 'access.denied.restricted',
    canRequest: false,
  },
}

export function isAccessDenial(code: ErrorCode | undefined): code is AccessDeniedCode {
  return code !== undefined && Object.hasOwn(denials, code)
}

interface AccessDeniedProps {
  error: ApiErrorInfo
  patient: string
  /** Active staff may ask the patient; others are told who can help. */
  canRequest: boolean
}

/** The registry refused this reader: the reason in plain words, and the next step. */
export function AccessDenied({ error, patient, canRequest }: AccessDeniedProps) {
  const { t } = useTranslation()
  if (!isAccessDenial(error.code)) return null
  const denial = denials[error.code]
  return (
    <Alert
      color="orange"
      variant="light"
      title={t(denial.titleKey)}
      data-testid="access-denied"
      data-code={error.code}
    >
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{t(denial.bodyKey)}</Text>
        <Text size="sm" c="dimmed">
          {t('errors.code')}: <Code data-testid="error-code">{error.code}</Code>
        </Text>
        {denial.canRequest && canRequest && (
          <Stack gap={4} w="100%">
            <Text size="sm" fw={600}>
              {t('access.denied.requestNext')}
            </Text>
            <RequestAccessForm patient={patient} />
          </Stack>
        )}
      </Stack>
    </Alert>
  )
}
