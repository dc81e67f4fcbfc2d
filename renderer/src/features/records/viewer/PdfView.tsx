import { Alert, Box, Button, Group, Loader, Stack, Text } from '@mantine/core'
import { useElementSize } from '@mantine/hooks'
import {
  getDocument,
  GlobalWorkerOptions,
  RenderingCancelledException,
  type PDFDocumentProxy,
  type RenderTask,
} from 'pdfjs-dist'
// The worker is bundled by Vite and loaded from the app itself ('self'), never from a CDN.
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ZoomControls, type Zoom } from './ZoomControls.tsx'

GlobalWorkerOptions.workerSrc = workerUrl

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** A PDF drawn page by page on a canvas by pdf.js, fitted to the width, with page navigation. */
export default function PdfView({ bytes }: { bytes: Uint8Array }) {
  const { t } = useTranslation()
  const [doc, setDoc] = useState<PDFDocumentProxy>()
  const [failure, setFailure] = useState<string>()
  const [pageNumber, setPageNumber] = useState(1)
  const [rendered, setRendered] = useState(0)
  const [zoom, setZoom] = useState<Zoom>('fit')
  const [fitted, setFitted] = useState(1)
  const { ref: box, width } = useElementSize()
  const canvas = useRef<HTMLCanvasElement>(null)

  useEffect(() => {
    // pdf.js takes the buffer over to its worker: give it a copy, the page keeps the original.
    // No eval: the CSP forbids it, and pdf.js then interprets fonts instead of compiling them.
    const task = getDocument({ data: bytes.slice(), isEvalSupported: false })
    task.promise.then(setDoc, (error: unknown) => setFailure(messageOf(error)))
    return () => void task.destroy()
  }, [bytes])

  useEffect(() => {
    const node = canvas.current
    if (!doc || !node || width === 0) return
    let stopped = false
    let task: RenderTask | undefined
    doc.getPage(pageNumber).then(
      (page) => {
        if (stopped) return
        const natural = page.getViewport({ scale: 1 })
        const fit = width / natural.width
        setFitted(fit)
        const scale = zoom === 'fit' ? fit : zoom
        const ratio = window.devicePixelRatio || 1
        const viewport = page.getViewport({ scale: scale * ratio })
        node.width = Math.floor(viewport.width)
        node.height = Math.floor(viewport.height)
        node.style.width = `${Math.floor(viewport.width / ratio)}px`
        node.style.height = `${Math.floor(viewport.height / ratio)}px`
        task = page.render({ canvas: node, viewport })
        task.promise.then(
          () => setRendered(pageNumber),
          (error: unknown) => {
            if (!(error instanceof RenderingCancelledException)) setFailure(messageOf(error))
          },
        )
      },
      (error: unknown) => setFailure(messageOf(error)),
    )
    return () => {
      stopped = true
      task?.cancel()
    }
  }, [doc, pageNumber, zoom, width])

  if (failure) {
    return (
      <Alert color="yellow" variant="light" title={t('records.viewer.pdfFailedTitle')}>
        {t('records.viewer.pdfFailed', { message: failure })}
      </Alert>
    )
  }

  const pages = doc?.numPages ?? 0
  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap">
        <Group gap={6} role="group" aria-label={t('records.viewer.pages')}>
          <Button
            size="xs"
            variant="default"
            onClick={() => setPageNumber((page) => page - 1)}
            disabled={pageNumber <= 1}
          >
            {t('records.viewer.previousPage')}
          </Button>
          <Text size="sm" miw={110} ta="center" aria-live="polite" data-testid="pdf-page">
            {doc ? t('records.viewer.pageOf', { page: pageNumber, count: pages }) : ''}
          </Text>
          <Button
            size="xs"
            variant="default"
            onClick={() => setPageNumber((page) => page + 1)}
            disabled={pageNumber >= pages}
          >
            {t('records.viewer.nextPage')}
          </Button>
        </Group>
        <ZoomControls zoom={zoom} fittedScale={fitted} onChange={setZoom} />
      </Group>
      <Box
        bg="gray.2"
        p="sm"
        style={{ overflow: 'auto', maxHeight: '75vh', borderRadius: 'var(--mantine-radius-md)' }}
      >
        <div ref={box} style={{ width: '100%' }}>
          {!doc && <Loader size="sm" aria-label={t('records.viewer.pdfLoading')} />}
          <canvas
            ref={canvas}
            data-testid="viewer-pdf-canvas"
            data-rendered-page={rendered || undefined}
            aria-label={t('records.viewer.pdfPage', { page: pageNumber })}
            role="img"
            style={{
              display: doc ? 'block' : 'none',
              margin: '0 auto',
              background: 'white',
              boxShadow: 'var(--mantine-shadow-sm)',
            }}
          />
        </div>
      </Box>
    </Stack>
  )
}
