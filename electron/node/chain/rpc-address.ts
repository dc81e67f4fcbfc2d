/**
 * Addresses of a served embedded chain: the URL other nodes are given, and whether a URL can
 * work from another machine. Pure and free of Node modules, so the renderer uses it too.
 */
import { ChainNotServedError } from '../errors.ts'
/** The address the gateway binds unless the administrator chooses another. */
export const DEFAULT_RPC_HOST = '127.0.0.1'

/**
 * Where other nodes reach the chain: the public URL the administrator set (a DNS name, a
 * reverse proxy with TLS), else the bound address itself.
 */
export function servedRpcUrl(served: { host: string; port: number; publicUrl?: string }): string {
  if (served.publicUrl) return served.publicUrl
  // Only an IPv6 literal has colons; in a URL it goes in brackets.
  const host = served.host.includes(':') ? `[${served.host}]` : served.host
  return `http://${host}:${served.port}`
}

/**
 * Who can use a URL: `unspecified` (0.0.0.0, ::) names no machine at all; `loopback` works only
 * on the machine it was written on; `network` may work elsewhere.
 */
export function urlReach(url: string): 'unspecified' | 'loopback' | 'network' {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === '0.0.0.0' || host === '::') return 'unspecified'
  if (host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)) return 'loopback'
  return 'network'
}

/**
 * The chain URL a site configuration may carry. A loopback URL passes (other nodes on the same
 * machine can use it, and the download screen warns), but no URL at all, or 0.0.0.0 and ::,
 * which name no machine, cannot be handed to another hospital.
 */
export function exportableRpcUrl(rpcUrl: string | null): string {
  if (!rpcUrl) {
    throw new ChainNotServedError(
      "Other hospitals cannot reach this node's chain: serve it first (Settings, the chain's port)",
    )
  }
  if (urlReach(rpcUrl) === 'unspecified') {
    throw new ChainNotServedError(
      `${rpcUrl} names no machine: set the chain's public URL (Settings) to the address other hospitals use`,
    )
  }
  return rpcUrl
}
