import { useMutation, useQuery, useQueryClient, keepPreviousData } from '@tanstack/react-query'
import type {
  AuditAnchorResult,
  AuditEntry,
  AuditVerification,
} from '../../../../electron/node/access/types.ts'
import type { AuditFilter } from '../../../../electron/node/access/schemas.ts'
import { emr } from '../../api/emr.ts'
import { useRefetchOnBlock } from '../../shared/useRefetchOnBlock.ts'

/**
 * Kept under the patients key: signing out forgets every `['patients', …]` query, and the trail
 * says who read which patient's records.
 */
export const auditKey = ['patients', 'audit'] as const

/** The chain's events and this node's read log in one timeline, newest first; new blocks add. */
export function useAuditTimeline(filter: AuditFilter) {
  useRefetchOnBlock([...auditKey, 'timeline'])
  return useQuery({
    queryKey: [...auditKey, 'timeline', filter],
    queryFn: (): Promise<AuditEntry[]> => emr.audit.timeline(filter),
    // The previous rows stay while a changed filter loads, instead of a flash of empty table.
    placeholderData: keepPreviousData,
  })
}

/** Whether the read log's hash chain is whole and its anchors on chain match it. */
export function useAuditVerification() {
  return useQuery({
    queryKey: [...auditKey, 'verification'],
    queryFn: (): Promise<AuditVerification> => emr.audit.verify(),
  })
}

export type AuditExportFormat = 'csv' | 'fhir'

export interface AuditExportFile {
  fileName: string
  mime: string
  content: string
}

/** The timeline as the filter shows it, as CSV or as a FHIR R4 Bundle of AuditEvents. */
export function useAuditExport() {
  return useMutation({
    mutationFn: (input: {
      format: AuditExportFormat
      filter: AuditFilter
    }): Promise<AuditExportFile> => emr.audit.export(input),
  })
}

/** Writes the read log's head on chain now; the trail and the verdict change with it. */
export function useAnchorReadLog() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (): Promise<AuditAnchorResult> => emr.audit.anchor(),
    onSettled: () => queryClient.invalidateQueries({ queryKey: auditKey }),
  })
}
