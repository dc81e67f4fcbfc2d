import { Alert } from '@mantine/core'
import { useTranslation } from 'react-i18next'

/** No viewer for this type: the copy is the way to read it. */
export function DownloadView({ mime }: { mime: string }) {
  const { t } = useTranslation()
  return (
    <Alert
      color="gray"
      variant="light"
      title={t('records.viewer.noViewerTitle')}
      data-testid="viewer-download"
    >
      {t('records.viewer.noViewer', { mime })}
    </Alert>
  )
}
