import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import type {
  UploadInProgressView,
  UploadResult,
} from '../../../../../electron/node/records/types.ts'
import { emr } from '../../../api/emr.ts'
import { patientRecordsKey } from '../queries.ts'
import { fileSample } from './fileSample.ts'
import { sendFile } from './sendFile.ts'

/** Under the patients key, so signing out forgets it with the rest of the chart data. */
const unfinishedKey = ['patients', 'uploads-in-progress'] as const

/** The signed-in account's uploads the node still holds open, e.g. after a reload. */
export function useUnfinishedUploads(enabled: boolean) {
  return useQuery({
    queryKey: unfinishedKey,
    queryFn: (): Promise<UploadInProgressView[]> => emr.records.uploadsInProgress(),
    enabled,
    // A resumed upload leaves the list when its card is closed, not behind the user's back.
    refetchOnWindowFocus: false,
  })
}

export type ResumeState =
  | { step: 'idle' }
  | { step: 'sending'; loaded: number }
  | { step: 'anchoring' }
  | { step: 'done'; result: UploadResult }
  | { step: 'failed'; error: unknown }

/** Resumes one unfinished upload with the file handed again, or discards it. */
export function useResumeUpload(upload: UploadInProgressView) {
  const queryClient = useQueryClient()
  const [state, setState] = useState<ResumeState>({ step: 'idle' })
  // Leaving the screen stops sending between chunks; the upload stays open to resume again.
  const left = useRef(false)
  useEffect(() => {
    left.current = false
    return () => {
      left.current = true
    }
  }, [])

  const settled = () => {
    void queryClient.invalidateQueries({ queryKey: unfinishedKey })
    void queryClient.invalidateQueries({ queryKey: patientRecordsKey(upload.patient) })
  }

  async function resume(file: File) {
    setState({ step: 'sending', loaded: upload.received })
    try {
      // The node checks that this is the file it took the first bytes of.
      const { received } = await emr.records.uploadResume({
        uploadId: upload.uploadId,
        ...(await fileSample(file, upload.received)),
      })
      const sent = await sendFile(upload.uploadId, file, received, {
        stopped: () => left.current,
        onSent: (loaded) => setState({ step: 'sending', loaded }),
      })
      if (!sent) return
      setState({ step: 'anchoring' })
      const result = await emr.records.uploadFinish({ uploadId: upload.uploadId })
      setState({ step: 'done', result })
      void queryClient.invalidateQueries({ queryKey: patientRecordsKey(upload.patient) })
    } catch (error) {
      setState({ step: 'failed', error })
      // A different file leaves the upload as it was; anything else may have ended it.
      void queryClient.invalidateQueries({ queryKey: unfinishedKey })
    }
  }

  async function discard() {
    await emr.records.uploadCancel({ uploadId: upload.uploadId })
    settled()
  }

  /** Forgets a finished resume: the list no longer holds its upload. */
  function dismiss() {
    setState({ step: 'idle' })
    settled()
  }

  return { state, resume, discard, dismiss }
}
