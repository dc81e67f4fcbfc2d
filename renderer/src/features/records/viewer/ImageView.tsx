import { Alert, Box, Stack } from '@mantine/core'
import { useCallback, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ZoomControls, type Zoom } from './ZoomControls.tsx'

interface Size {
  width: number
  height: number
}

/** An image from a blob URL that lives only as long as the element; zoom in, out, or fit. */
export function ImageView({ blob, alt }: { blob: Blob; alt: string }) {
  const { t } = useTranslation()
  const [zoom, setZoom] = useState<Zoom>('fit')
  const [natural, setNatural] = useState<Size>()
  const [fitted, setFitted] = useState(1)
  const [failed, setFailed] = useState(false)
  const image = useRef<HTMLImageElement | null>(null)

  const attach = useCallback(
    (node: HTMLImageElement | null) => {
      image.current = node
      if (!node) return
      const url = URL.createObjectURL(blob)
      node.src = url
      return () => {
        image.current = null
        URL.revokeObjectURL(url)
      }
    },
    [blob],
  )

  const measure = () => {
    const node = image.current
    if (!node || node.naturalWidth === 0) return
    setNatural({ width: node.naturalWidth, height: node.naturalHeight })
    setFitted(node.clientWidth / node.naturalWidth)
  }

  const changeZoom = (next: Zoom) => {
    if (zoom === 'fit') measure()
    setZoom(next)
  }

  if (failed) {
    return (
      <Alert color="yellow" variant="light" title={t('records.viewer.imageFailedTitle')}>
        {t('records.viewer.imageFailed')}
      </Alert>
    )
  }

  return (
    <Stack gap="sm">
      <ZoomControls zoom={zoom} fittedScale={fitted} onChange={changeZoom} />
      <Box
        bg="gray.1"
        p="sm"
        style={{
          overflow: 'auto',
          maxHeight: '72vh',
          borderRadius: 'var(--mantine-radius-md)',
          textAlign: zoom === 'fit' ? 'center' : undefined,
        }}
      >
        <img
          ref={attach}
          alt={alt}
          data-testid="viewer-image"
          onLoad={measure}
          onError={() => setFailed(true)}
          style={
            zoom === 'fit' || !natural
              ? { maxWidth: '100%', maxHeight: 'calc(72vh - 24px)', display: 'inline-block' }
              : {
                  width: natural.width * zoom,
                  height: natural.height * zoom,
                  maxWidth: 'none',
                  display: 'block',
                }
          }
        />
      </Box>
    </Stack>
  )
}
