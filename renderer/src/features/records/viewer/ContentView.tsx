import { lazy, Suspense, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { PageLoader } from '../../../shared/PageLoader.tsx'
import { contentKind } from './contentKind.ts'
import { DownloadView } from './DownloadView.tsx'
import { FhirView } from './FhirView.tsx'
import { ImageView } from './ImageView.tsx'
import { TextView } from './TextView.tsx'

// pdf.js and the DICOM parser load only when such a file is opened.
const PdfView = lazy(() => import('./PdfView.tsx'))
const DicomView = lazy(() => import('./DicomView.tsx'))

interface ContentViewProps {
  bytes: Uint8Array<ArrayBuffer>
  mime: string
  fileName: string
  title: string
}

/** The decrypted file in the viewer its type calls for. */
export function ContentView({ bytes, mime, fileName, title }: ContentViewProps) {
  const { t } = useTranslation()
  const kind = contentKind(mime, fileName, bytes)
  const blob = useMemo(() => new Blob([bytes], { type: mime }), [bytes, mime])
  const text = useMemo(
    () => (kind === 'text' || kind === 'json' ? new TextDecoder().decode(bytes) : ''),
    [kind, bytes],
  )

  switch (kind) {
    case 'image':
      return <ImageView blob={blob} alt={title} />
    case 'pdf':
      return (
        <Suspense fallback={<PageLoader />}>
          <PdfView bytes={bytes} />
        </Suspense>
      )
    case 'dicom':
      return (
        <Suspense fallback={<PageLoader />}>
          <DicomView bytes={bytes} title={title} />
        </Suspense>
      )
    case 'json':
      return <FhirView text={text} />
    case 'text':
      return <TextView text={text} label={t('records.viewer.textLabel')} />
    case 'other':
      return <DownloadView mime={mime} />
  }
}
