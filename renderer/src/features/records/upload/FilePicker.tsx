import { Button, FileButton, Paper, Stack, Text } from '@mantine/core'
import { useState, type DragEvent } from 'react'
import { useTranslation } from 'react-i18next'

interface FilePickerProps {
  multiple: boolean
  disabled?: boolean
  onFiles: (files: File[]) => void
}

/** A drop box for files from the desktop, with a button that opens the file dialog. */
export function FilePicker({ multiple, disabled = false, onFiles }: FilePickerProps) {
  const { t } = useTranslation()
  const [dragging, setDragging] = useState(false)

  const over = (event: DragEvent) => {
    event.preventDefault()
    if (!disabled) setDragging(true)
  }
  const drop = (event: DragEvent) => {
    event.preventDefault()
    setDragging(false)
    if (disabled) return
    const files = [...event.dataTransfer.files]
    if (files.length > 0) onFiles(multiple ? files : files.slice(0, 1))
  }

  return (
    <Paper
      p="lg"
      radius="md"
      onDragEnter={over}
      onDragOver={over}
      onDragLeave={() => setDragging(false)}
      onDrop={drop}
      data-testid="upload-dropzone"
      data-dragging={dragging || undefined}
      style={{
        border: `2px dashed var(--mantine-color-${dragging ? 'clinical-6' : 'gray-4'})`,
        background: dragging ? 'var(--mantine-color-clinical-0)' : 'var(--mantine-color-gray-0)',
        opacity: disabled ? 0.6 : 1,
      }}
    >
      <Stack align="center" gap={6}>
        <Text fw={500}>
          {multiple ? t('records.upload.dropMany') : t('records.upload.dropOne')}
        </Text>
        <Text size="sm" c="dimmed">
          {t('records.upload.dropOr')}
        </Text>
        <FileButton
          multiple={multiple}
          disabled={disabled}
          onChange={(chosen: File | File[] | null) => {
            const files = chosen === null ? [] : Array.isArray(chosen) ? chosen : [chosen]
            if (files.length > 0) onFiles(files)
          }}
          inputProps={
            { 'aria-label': t('records.upload.choose'), 'data-testid': 'upload-input' } as object
          }
        >
          {(props) => (
            <Button variant="default" disabled={disabled} {...props}>
              {multiple ? t('records.upload.chooseMany') : t('records.upload.chooseOne')}
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed" ta="center">
          {t('records.upload.types')}
        </Text>
      </Stack>
    </Paper>
  )
}
