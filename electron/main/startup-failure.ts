/** What the native error dialog says when the node cannot start. Pure. */
import { EmrError } from '../node/errors.ts'

export interface FailureDialog {
  title: string
  content: string
}

/**
 * The typed error's message and code (the code is what support and the docs look up), and the
 * data folder, so the administrator knows which node failed. An unexpected error shows its own
 * message: this dialog is local to the machine, and "Internal error" alone helps nobody.
 */
export function describeStartupFailure(error: unknown, dataDir: string): FailureDialog {
  const known = error instanceof EmrError
  const code = known ? error.code : 'ERR_INTERNAL'
  const message = error instanceof Error ? error.message : String(error)
  return {
    title: 'EMR Node could not start',
    content: `${message}\n\nError code: ${code}\nData folder: ${dataDir}\n\nFix the cause, then start EMR Node again.`,
  }
}
