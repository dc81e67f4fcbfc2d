import { useMutation } from '@tanstack/react-query'
import type { MethodInput } from '../../../../electron/node/api/spec.ts'
import type { SiteConfig } from '../../../../electron/node/identity/schemas.ts'
import type { NetworkCreated } from '../../../../electron/node/identity/types.ts'
import { emr } from '../../api/emr.ts'
import { downloadText } from '../../shared/download.ts'

// Nothing is invalidated here: the wizard shows its one-time result first, and refreshes the
// set-up stage and the session only when the user moves on (see SetupScreen).

export function useCreateNetwork() {
  return useMutation({
    mutationFn: (input: MethodInput<'setup.createNetwork'>): Promise<NetworkCreated> =>
      emr.setup.createNetwork(input),
  })
}

export function useJoinNetwork() {
  return useMutation({
    mutationFn: (siteConfig: string): Promise<{ restartRequired: true; network: string }> =>
      emr.setup.joinNetwork({ siteConfig }),
  })
}

/** File name of a site configuration: the network's name, made safe for any file system. */
export function siteConfigFileName(network: string): string {
  const safe = network.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '') || 'network'
  return `${safe}.emr-site.json`
}

/** Fetches this network's site configuration and saves it as a file for IT to hand over. */
export function useDownloadSiteConfig() {
  return useMutation({
    mutationFn: async (): Promise<SiteConfig> => {
      const config: SiteConfig = await emr.setup.exportSiteConfig()
      downloadText(siteConfigFileName(config.network), `${JSON.stringify(config, null, 2)}\n`)
      return config
    },
  })
}
