import { execFile } from 'node:child_process'

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs `npm run cli -- …` the way a user would, as a child process on the pinned Node. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['electron/node/cli/main.ts', ...args],
      { env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    )
  })
}
