import { Button, Checkbox, Group } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'

interface WrittenDownConfirmProps {
  continueLabel: string
  onContinue: () => void
  loading?: boolean
}

/** Recovery phrases are shown once: the way on opens only once the user says they have them. */
export function WrittenDownConfirm({
  continueLabel,
  onContinue,
  loading,
}: WrittenDownConfirmProps) {
  const { t } = useTranslation()
  const [confirmed, setConfirmed] = useState(false)
  return (
    <Group gap="lg" align="center">
      <Checkbox
        label={t('recovery.writtenDown')}
        checked={confirmed}
        onChange={(event) => setConfirmed(event.currentTarget.checked)}
        size="md"
      />
      <Button onClick={onContinue} disabled={!confirmed} loading={loading}>
        {continueLabel}
      </Button>
    </Group>
  )
}
