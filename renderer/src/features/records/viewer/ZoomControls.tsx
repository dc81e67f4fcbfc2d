import { Button, Group, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'

export type Zoom = number | 'fit'

const steps = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4] as const

/** The next zoom step from the current scale (the fitted scale when fitting). */
export function zoomStep(current: number, direction: 1 | -1): number {
  if (direction > 0) return steps.find((step) => step > current + 1e-3) ?? steps.at(-1)!
  return [...steps].reverse().find((step) => step < current - 1e-3) ?? steps[0]
}

interface ZoomControlsProps {
  zoom: Zoom
  /** The scale shown while fitting, to step from. */
  fittedScale: number
  onChange: (zoom: Zoom) => void
}

/** Zoom out, the current scale, zoom in, fit to the window. */
export function ZoomControls({ zoom, fittedScale, onChange }: ZoomControlsProps) {
  const { t } = useTranslation()
  const scale = zoom === 'fit' ? fittedScale : zoom
  return (
    <Group gap={6} role="group" aria-label={t('records.viewer.zoom')}>
      <Button
        size="xs"
        variant="default"
        onClick={() => onChange(zoomStep(scale, -1))}
        disabled={scale <= steps[0] + 1e-3}
        aria-label={t('records.viewer.zoomOut')}
      >
        −
      </Button>
      <Text size="sm" w={64} ta="center" aria-live="polite">
        {zoom === 'fit'
          ? t('records.viewer.fitted', { percent: Math.round(fittedScale * 100) })
          : `${Math.round(zoom * 100)} %`}
      </Text>
      <Button
        size="xs"
        variant="default"
        onClick={() => onChange(zoomStep(scale, 1))}
        disabled={scale >= steps.at(-1)! - 1e-3}
        aria-label={t('records.viewer.zoomIn')}
      >
        +
      </Button>
      <Button
        size="xs"
        variant={zoom === 'fit' ? 'light' : 'default'}
        onClick={() => onChange('fit')}
      >
        {t('records.viewer.fit')}
      </Button>
    </Group>
  )
}
