import { Alert, Box, DataList, Group, Loader, Stack, Text } from '@mantine/core'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DataField } from '../../../shared/DataField.tsx'
import {
  dicomErrorMessage,
  readDicom,
  type DicomTags,
  type Frame,
  type ParsedDicom,
} from './dicom.ts'

type Reading = { ok: true; dicom: ParsedDicom } | { ok: false; message: string }

/** The file read and its frame drawn (decoding takes a moment for compressed frames). */
function useDicom(bytes: Uint8Array): Reading | undefined {
  const [reading, setReading] = useState<{ bytes: Uint8Array; result: Reading }>()
  useEffect(() => {
    let current = true
    readDicom(bytes).then(
      (dicom) => current && setReading({ bytes, result: { ok: true, dicom } }),
      (error: unknown) =>
        current && setReading({ bytes, result: { ok: false, message: dicomErrorMessage(error) } }),
    )
    return () => {
      current = false
    }
  }, [bytes])
  // A reading of the previous file is never shown for this one.
  return reading?.bytes === bytes ? reading.result : undefined
}

/** The frame at its own pixel size, shown at least 512 px wide (or the width available). */
function DicomCanvas({ frame, label }: { frame: Frame; label: string }) {
  const draw = useCallback(
    (node: HTMLCanvasElement | null) => {
      if (!node) return
      node.width = frame.columns
      node.height = frame.rows
      node
        .getContext('2d')
        ?.putImageData(new ImageData(frame.rgba, frame.columns, frame.rows), 0, 0)
    },
    [frame],
  )
  return (
    <canvas
      ref={draw}
      role="img"
      aria-label={label}
      data-testid="viewer-dicom-canvas"
      style={{
        width: `min(100%, ${Math.max(frame.columns, 512)}px)`,
        height: 'auto',
        background: 'black',
        display: 'block',
      }}
    />
  )
}

function TagList({ tags }: { tags: DicomTags }) {
  const { t } = useTranslation()
  const shown = (value: string | number | undefined) =>
    value === undefined || value === '' ? '—' : String(value)
  return (
    <DataList gap={6} labelWidth="9.5rem" withDivider data-testid="dicom-tags">
      <DataField label={t('records.dicom.patientName')} value={shown(tags.patientName)} />
      <DataField label={t('records.dicom.patientId')} value={shown(tags.patientId)} />
      <DataField
        label={t('records.dicom.modality')}
        value={shown(tags.modality)}
        testId="dicom-modality"
      />
      <DataField label={t('records.dicom.studyDate')} value={shown(tags.studyDate)} />
      {tags.studyDescription && (
        <DataField label={t('records.dicom.studyDescription')} value={tags.studyDescription} />
      )}
      {tags.seriesDescription && (
        <DataField label={t('records.dicom.seriesDescription')} value={tags.seriesDescription} />
      )}
      <DataField
        label={t('records.dicom.size')}
        value={
          tags.rows !== undefined && tags.columns !== undefined
            ? t('records.dicom.sizeValue', { rows: tags.rows, columns: tags.columns })
            : '—'
        }
      />
      {tags.frames > 1 && (
        <DataField label={t('records.dicom.frames')} value={String(tags.frames)} />
      )}
      <DataField label={t('records.dicom.bits')} value={shown(tags.bitsAllocated)} />
      <DataField label={t('records.dicom.photometric')} value={shown(tags.photometric)} />
      <DataField
        label={t('records.dicom.transferSyntax')}
        value={
          <>
            {tags.transferSyntaxName}
            <Text size="xs" c="dimmed" ff="monospace">
              {tags.transferSyntaxUid}
            </Text>
          </>
        }
        testId="dicom-transfer-syntax"
      />
    </DataList>
  )
}

/** A DICOM file: its key tags, and its first frame, uncompressed or decoded. */
export default function DicomView({ bytes, title }: { bytes: Uint8Array; title: string }) {
  const { t } = useTranslation()
  const reading = useDicom(bytes)

  if (!reading) return <Loader size="sm" aria-label={t('records.dicom.decoding')} />
  if (!reading.ok) {
    return (
      <Alert
        color="red"
        variant="light"
        title={t('records.dicom.damagedTitle')}
        data-testid="dicom-error"
      >
        <Stack gap={4}>
          <Text size="sm">{t('records.dicom.damaged')}</Text>
          <Text size="sm" ff="monospace" c="dimmed">
            {reading.message}
          </Text>
        </Stack>
      </Alert>
    )
  }

  const { tags, image } = reading.dicom
  let picture
  switch (image.kind) {
    case 'frame':
      picture = (
        <Stack gap={6}>
          <DicomCanvas frame={image.frame} label={title} />
          <Text size="xs" c="dimmed">
            {image.frame.window
              ? image.frame.window.fromFile
                ? t('records.dicom.windowFromFile', {
                    center: image.frame.window.center,
                    width: image.frame.window.width,
                  })
                : t('records.dicom.windowAuto', {
                    center: Math.round(image.frame.window.center),
                    width: Math.round(image.frame.window.width),
                  })
              : t('records.dicom.colour')}
            {tags.frames > 1 && ` · ${t('records.dicom.firstFrame', { count: tags.frames })}`}
          </Text>
        </Stack>
      )
      break
    case 'compressed':
      picture = (
        <Alert
          color="blue"
          variant="light"
          title={t('records.dicom.compressedTitle')}
          data-testid="dicom-compressed"
        >
          {t('records.dicom.compressed', { syntax: tags.transferSyntaxName })}
        </Alert>
      )
      break
    case 'undecodable':
      picture = (
        <Alert
          color="yellow"
          variant="light"
          title={t('records.dicom.undecodableTitle')}
          data-testid="dicom-undecodable"
        >
          <Stack gap={4}>
            <Text size="sm">
              {t('records.dicom.undecodable', { syntax: tags.transferSyntaxName })}
            </Text>
            <Text size="sm" ff="monospace" c="dimmed">
              {image.message}
            </Text>
          </Stack>
        </Alert>
      )
      break
    case 'none':
      picture = (
        <Alert color="gray" variant="light" data-testid="dicom-no-image">
          {t('records.dicom.noImage')}
        </Alert>
      )
      break
    case 'unsupported':
      picture = (
        <Alert color="yellow" variant="light" data-testid="dicom-unsupported">
          {image.reason === 'short'
            ? t('records.dicom.short')
            : image.reason === 'bits'
              ? t('records.dicom.bitsUnsupported', { bits: image.value })
              : t('records.dicom.samplesUnsupported', { samples: image.value })}
        </Alert>
      )
      break
  }

  return (
    <Group align="flex-start" gap="xl" wrap="wrap">
      <Box style={{ flex: '1 1 420px', maxWidth: 640 }}>{picture}</Box>
      <Stack gap="xs" style={{ flex: '1 1 320px' }}>
        <TagList tags={tags} />
        <Text size="xs" c="dimmed">
          {t('records.dicom.personalData')}
        </Text>
      </Stack>
    </Group>
  )
}
