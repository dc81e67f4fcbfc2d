import type { AuditFilter } from '../../../../electron/node/access/schemas.ts'
import { downloadText } from '../../shared/download.ts'
import { useAuditExport, type AuditExportFormat } from './queries.ts'

/** Prepares an export on the node and hands it to the browser's download. */
export function useExportDownload(filter: AuditFilter) {
  const exporting = useAuditExport()
  return {
    busy: exporting.isPending ? exporting.variables.format : undefined,
    error: exporting.error,
    clearError: exporting.reset,
    save(format: AuditExportFormat) {
      exporting.mutate(
        { format, filter },
        { onSuccess: (file) => downloadText(file.fileName, file.content, file.mime) },
      )
    },
  }
}
