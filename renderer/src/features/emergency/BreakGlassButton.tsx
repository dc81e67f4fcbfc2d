import { Button } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { BreakGlassDialog } from './BreakGlassDialog.tsx'

interface BreakGlassButtonProps {
  patient: string
  patientName: string
}

/** The chart's emergency action for active staff; it opens the stern confirmation. */
export function BreakGlassButton({ patient, patientName }: BreakGlassButtonProps) {
  const { t } = useTranslation()
  const [opened, setOpened] = useState(false)
  return (
    <>
      <Button variant="outline" color="red" onClick={() => setOpened(true)}>
        {t('emergency.declare.open')}
      </Button>
      <BreakGlassDialog
        patient={patient}
        patientName={patientName}
        opened={opened}
        onClose={() => setOpened(false)}
      />
    </>
  )
}
