import { Button } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { BreakGlassDialog } from './BreakGlassDialog.tsx'

interface BreakGlassButtonProps {
  patient: string
  patientName: string
  /** The user's emergency on this patient is running: no button, but the dialog stays open. */
  declared: boolean
}

/** The chart's emergency action for active staff; it opens the stern confirmation. */
export function BreakGlassButton({ patient, patientName, declared }: BreakGlassButtonProps) {
  const { t } = useTranslation()
  const [opened, setOpened] = useState(false)
  return (
    <>
      {!declared && (
        <Button variant="outline" color="red" onClick={() => setOpened(true)}>
          {t('emergency.declare.open')}
        </Button>
      )}
      <BreakGlassDialog
        patient={patient}
        patientName={patientName}
        opened={opened}
        onClose={() => setOpened(false)}
      />
    </>
  )
}
