import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { RecordDetails } from '../../../../../electron/node/records/schemas.ts'
import type { UploadResult } from '../../../../../electron/node/records/types.ts'
import { emr } from '../../../api/emr.ts'
import { errorCode, type ErrorCode } from '../../../shared/errors.ts'
import { reportIfVaultLocked } from '../../session/lockSignal.ts'
import { patientRecordsKey } from '../queries.ts'
import { checkFile } from './checkFile.ts'
import { isBlocking, type FileWarning } from './fileChecks.ts'
import { mimeOfFile, titleFromFileName } from './fileMime.ts'
import { sendFile } from './sendFile.ts'

/** ready: chosen, not sent; then the node's phases in order; or how it ended otherwise. */
export type UploadStatus =
  'ready' | 'waiting' | 'encrypting' | 'submitted' | 'mined' | 'failed' | 'cancelled'

export interface UploadItem {
  key: string
  file: File
  title: string
  mime: string
  status: UploadStatus
  /** Bytes of the file encrypted and added so far. */
  loaded: number
  /** What the checks before upload found; undefined while they run. */
  warnings?: FileWarning[]
  /** The uploader confirmed the warnings: the file goes as it is. */
  confirmed: boolean
  result?: UploadResult
  error?: unknown
}

/** Whether a chosen file may be sent: checked, and nothing found or the finding confirmed. */
export function clearedToSend(item: UploadItem): boolean {
  if (item.warnings === undefined) return false
  if (item.warnings.length === 0) return true
  return item.confirmed && !item.warnings.some(isBlocking)
}

/** The details every file of one batch shares. */
export type SharedDetails = Pick<RecordDetails, 'category' | 'dateOfCare'>

const phaseRank: Partial<Record<UploadStatus, number>> = {
  waiting: 0,
  encrypting: 1,
  submitted: 2,
  mined: 3,
}

function isPhase(phase: string): phase is 'encrypting' | 'submitted' | 'mined' {
  return phase === 'encrypting' || phase === 'submitted' || phase === 'mined'
}

/** Refusals that would refuse every other file of the batch too: stop instead of repeating them. */
const stopsTheBatch = new Set<ErrorCode>([
  'ERR_VAULT_LOCKED',
  'ERR_NOT_ACTIVE_STAFF',
  'ERR_NOT_REGISTERED_PATIENT',
  'ERR_NODE_NOT_READY',
])

/**
 * Uploads files one after another: start (the node checks uploader and patient first), chunks of
 * at most 4 MiB that each wait until the node has taken them, then finish (anchor and wait for
 * the block). The node's progress events move each file through its phases.
 */
export function useUploadQueue(
  patient: string,
  recordId: number | undefined,
  /** The chart's patient name as this node knows it, to compare with a DICOM file's. */
  chartName: string | undefined,
) {
  const queryClient = useQueryClient()
  const [items, setItems] = useState<UploadItem[]>([])
  const [running, setRunning] = useState(false)
  /** The node's upload ids, to find the file a progress event is about. */
  const operations = useRef(new Map<string, string>())
  /** The upload that is still taking chunks, which Cancel can stop. */
  const streaming = useRef<string | undefined>(undefined)
  const cancelled = useRef(false)
  const keys = useRef(0)

  const update = useCallback((key: string, change: (item: UploadItem) => Partial<UploadItem>) => {
    setItems((current) =>
      current.map((item) => (item.key === key ? { ...item, ...change(item) } : item)),
    )
  }, [])

  /** Moves a file forward only: a late event never takes it back to an earlier phase. */
  const advance = useCallback(
    (key: string, status: UploadStatus, loaded: number | undefined) => {
      update(key, (item) => {
        const now = phaseRank[item.status]
        const next = phaseRank[status]
        if (now === undefined || next === undefined || next < now) return {}
        return { status, loaded: Math.max(item.loaded, loaded ?? 0) }
      })
    },
    [update],
  )

  useEffect(
    () =>
      emr.on('progress', ({ operationId, phase, loaded }) => {
        const key = operations.current.get(operationId)
        if (key !== undefined && isPhase(phase)) advance(key, phase, loaded)
      }),
    [advance],
  )

  // Leaving the screen mid-upload stops the file still being sent (one being anchored finishes).
  useEffect(
    () => () => {
      cancelled.current = true
      if (streaming.current) void emr.records.uploadCancel({ uploadId: streaming.current })
    },
    [],
  )

  /** Adds chosen files, titled after their names unless a title is given. */
  function add(files: readonly File[], title?: string) {
    const added = files.map((file): UploadItem => ({
      key: `upload-${(keys.current += 1)}`,
      file,
      title: title ?? titleFromFileName(file.name),
      mime: mimeOfFile(file),
      status: 'ready',
      loaded: 0,
      confirmed: false,
    }))
    // A new version is one file: the latest choice replaces the previous one.
    setItems((current) => (recordId === undefined ? [...current, ...added] : added.slice(0, 1)))
    for (const item of added) {
      checkFile(item.file, item.mime, chartName).then(
        (warnings) => update(item.key, () => ({ warnings })),
        // A file the browser cannot read fails at upload with its own error.
        () => update(item.key, () => ({ warnings: [] })),
      )
    }
  }

  function confirm(key: string, confirmed: boolean) {
    update(key, () => ({ confirmed }))
  }

  function remove(key: string) {
    setItems((current) => current.filter((item) => item.key !== key))
  }

  function setTitle(key: string, title: string) {
    update(key, () => ({ title }))
  }

  function retry(key: string) {
    update(key, () => ({ status: 'ready', loaded: 0, error: undefined }))
  }

  async function uploadOne(item: UploadItem, shared: SharedDetails): Promise<UploadResult> {
    const size = item.file.size
    const { uploadId } = await emr.records.uploadStart({
      patient,
      recordId,
      size,
      details: { ...shared, title: item.title.trim(), fileName: item.file.name, mime: item.mime },
    })
    operations.current.set(uploadId, item.key)
    streaming.current = uploadId
    advance(item.key, 'encrypting', 0)
    const sent = await sendFile(uploadId, item.file, 0, {
      stopped: () => cancelled.current,
      onSent: (loaded) => advance(item.key, 'encrypting', loaded),
    })
    if (!sent) {
      await emr.records.uploadCancel({ uploadId })
      throw new CancelledUpload()
    }
    // From here the node anchors: too late to cancel this file.
    streaming.current = undefined
    return emr.records.uploadFinish({ uploadId })
  }

  /** Sends every file still to send, one after another. */
  async function start(shared: SharedDetails) {
    const batch = items.filter((item) => item.status === 'ready' && clearedToSend(item))
    if (batch.length === 0) return
    cancelled.current = false
    setRunning(true)
    const batchKeys = new Set(batch.map((item) => item.key))
    setItems((current) =>
      current.map((item) => (batchKeys.has(item.key) ? { ...item, status: 'waiting' } : item)),
    )
    let stopped = false
    for (const item of batch) {
      if (stopped || cancelled.current) {
        update(item.key, () => ({ status: stopped ? 'ready' : 'cancelled' }))
        continue
      }
      try {
        const result = await uploadOne(item, shared)
        update(item.key, () => ({ status: 'mined', loaded: item.file.size, result }))
        void queryClient.invalidateQueries({ queryKey: patientRecordsKey(patient) })
      } catch (error) {
        if (error instanceof CancelledUpload || cancelled.current) {
          update(item.key, () => ({ status: 'cancelled' }))
        } else {
          reportIfVaultLocked(error)
          update(item.key, () => ({ status: 'failed', error }))
          const code = errorCode(error)
          stopped = code === undefined || stopsTheBatch.has(code)
        }
      } finally {
        streaming.current = undefined
      }
    }
    setRunning(false)
  }

  /** Stops the file being sent (unless it is already being anchored) and skips the rest. */
  function cancel() {
    cancelled.current = true
    // The chunk loop sees the flag after the chunk in flight and cancels that upload itself.
  }

  function clearFinished() {
    setItems((current) => current.filter((item) => item.status !== 'mined'))
  }

  return { items, running, add, remove, setTitle, confirm, retry, start, cancel, clearFinished }
}

class CancelledUpload extends Error {
  constructor() {
    super('The upload was cancelled')
  }
}
