import { Drawer } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { UploadPanel, type UploadTarget } from './UploadPanel.tsx'

export type { UploadTarget }

interface UploadDrawerProps {
  patient: string
  opened: boolean
  /** What to upload; kept while the drawer closes so its content does not vanish mid-slide. */
  target: UploadTarget | undefined
  /** Changes with each opening, for a fresh form. */
  formKey: number
  onClose: () => void
}

/** The upload form beside the chart; it stays open while a file is on its way. */
export function UploadDrawer({ patient, opened, target, formKey, onClose }: UploadDrawerProps) {
  const { t } = useTranslation()
  const [busy, setBusy] = useState(false)
  const close = () => {
    if (!busy) onClose()
  }
  const title =
    target?.recordId === undefined
      ? t('records.upload.titleNew')
      : t('records.upload.titleVersion', { id: target.recordId })

  return (
    <Drawer
      opened={opened}
      onClose={close}
      title={title}
      position="right"
      size="xl"
      closeOnClickOutside={!busy}
      closeOnEscape={!busy}
      withCloseButton={!busy}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      styles={{
        title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' },
        // The form's action bar sticks to the bottom edge: no padding under it.
        body: { paddingBottom: 0 },
      }}
    >
      {target && (
        <UploadPanel
          key={formKey}
          patient={patient}
          target={target}
          onBusyChange={setBusy}
          onClose={close}
        />
      )}
    </Drawer>
  )
}
