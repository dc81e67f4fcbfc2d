import { Card, Text, Title } from '@mantine/core'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormatters } from '../../i18n/format.ts'
import { usePurposeText } from './purposes.ts'
import { useAccessOverview } from './queries.ts'
import { RequestAccessForm } from './RequestAccessForm.tsx'

interface StaffAccessPromptProps {
  patient: string
  self: string
}

/**
 * For staff without the patient's permission: what their standing is (a request waiting, a grant
 * that ended) and the way to ask. Nothing is shown while they hold an active grant.
 */
export function StaffAccessPrompt({ patient, self }: StaffAccessPromptProps) {
  const { t } = useTranslation()
  const format = useFormatters()
  const purposeText = usePurposeText()
  const titleId = useId()
  const overview = useAccessOverview(patient)
  // Once a request was sent from here, its receipt stays in view rather than the waiting note.
  const [sent, setSent] = useState(false)
  if (!overview.data) return null
  const mine = (address: string) => address.toLowerCase() === self.toLowerCase()
  const grant = overview.data.grants.find((candidate) => mine(candidate.reader.address))
  if (grant?.state === 'active') return null
  // Newest first: the latest unanswered request says whether to wait or to ask again.
  const latest = overview.data.requests.find(
    (request) => !request.answered && mine(request.staff.address),
  )
  const waiting = latest?.declinedAt === null ? latest : undefined

  return (
    <Card
      component="section"
      withBorder
      radius="md"
      padding="lg"
      aria-labelledby={titleId}
      bg="yellow.0"
      data-testid="staff-access-prompt"
    >
      <Title id={titleId} order={2} size="h4" mb={4}>
        {t('access.prompt.title')}
      </Title>
      <Text size="sm" mb="md">
        {grant?.state === 'revoked'
          ? t('access.prompt.revoked')
          : grant?.state === 'expired'
            ? t('access.prompt.expired')
            : t('access.prompt.neverGranted')}
      </Text>
      {latest?.declinedAt && !sent && (
        <Text size="sm" fw={500} mb="sm" data-testid="request-declined">
          {t('access.prompt.declined', { time: format.dateTime(latest.declinedAt) })}
        </Text>
      )}
      {waiting && !sent ? (
        <Text size="sm" fw={500} data-testid="request-waiting">
          {t('access.prompt.waiting', {
            purpose: purposeText(waiting.purpose),
            time: format.dateTime(waiting.requestedAt),
          })}
        </Text>
      ) : (
        <RequestAccessForm patient={patient} onSent={() => setSent(true)} />
      )}
    </Card>
  )
}
