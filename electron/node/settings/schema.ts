import { z } from 'zod'
import { etherAmountSchema } from '../chain/ether-amount.ts'
import { DEFAULT_RPC_HOST, urlReach } from '../chain/rpc-address.ts'

/** A libp2p multiaddr of a consortium peer, e.g. /ip4/10.0.0.5/tcp/4001/p2p/12D3Koo… */
export const peerMultiaddrSchema = z
  .string()
  .regex(/^\/(ip4|ip6|dns4|dns6|dns)\/[^/]+\/tcp\/\d{1,5}(\/p2p\/\w+)?$/, 'not a TCP multiaddr')

const ethAddress = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'not an Ethereum address')

export const embeddedChainSchema = z.object({
  mode: z.literal('embedded'),
  /** Serve the embedded chain to other nodes (token-protected gateway) on this port; 0 = off. */
  rpcPort: z.number().int().min(0).max(65535).default(0),
  /** The IP address the gateway binds: loopback unless the administrator opens it wider. */
  rpcHost: z.union([z.ipv4(), z.ipv6()]).default(DEFAULT_RPC_HOST),
  /** The URL other nodes use (DNS name, TLS proxy); the bound address when absent. */
  rpcPublicUrl: z
    .url({ protocol: /^https?$/ })
    .refine((url) => urlReach(url) !== 'unspecified', 'names no machine (0.0.0.0 or ::)')
    .optional(),
})

export const externalChainSchema = z.object({
  mode: z.literal('external'),
  rpcUrl: z.url({ protocol: /^(https?|wss?)$/ }),
  contractAddress: ethAddress,
  /** The registry's deployment block, where indexing starts (chain/deployment-block.ts). */
  deploymentBlock: z.number().int().min(0).optional(),
  /**
   * Blocks on top of a block before the node indexes it and counts a write in it as done;
   * absent: 2, or none on a single-producer development chain (chain/confirmations.ts).
   */
  confirmations: z.number().int().min(0).max(64).optional(),
})

/** How many nodes must hold each record version: a count, or every node of the swarm. */
export const replicaCopiesSchema = z.union([z.literal('all'), z.number().int().min(1).max(32)])

export const settingsSchema = z.object({
  language: z.enum(['en', 'zh-TW']).default('en'),
  chain: z
    .discriminatedUnion('mode', [embeddedChainSchema, externalChainSchema])
    .default({ mode: 'embedded', rpcPort: 0, rpcHost: DEFAULT_RPC_HOST }),
  ipfs: z
    .object({
      /** TCP port for the private swarm; 0 picks a free one at each start. */
      listenPort: z.number().int().min(0).max(65535).default(0),
      /**
       * TCP port of the block port (bulk block transfer between consortium nodes over TLS keyed
       * by the swarm key, beside the swarm); 0 picks a free one at each start.
       */
      blockPort: z.number().int().min(0).max(65535).default(0),
      /** Consortium peers dialled on start. */
      peers: z.array(peerMultiaddrSchema).default([]),
    })
    .default({ listenPort: 0, blockPort: 0, peers: [] }),
  security: z
    .object({
      /** The signed-in account locks after this much time without user activity. */
      idleLockMinutes: z.number().int().min(1).max(240).default(10),
    })
    .default({ idleLockMinutes: 10 }),
  audit: z
    .object({
      /** While active staff are signed in, the read log's head is anchored on chain this often. */
      anchorEveryMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .default(60),
    })
    .default({ anchorEveryMinutes: 60 }),
  funding: z
    .object({
      /**
       * On an external chain (no faucet), a new member's balance is topped up to this much ETH
       * from the approving account when an institution is added, or staff are approved or
       * registered directly (identity/funding.ts): enough for a few hundred transactions at a
       * few gwei.
       */
      topUpEth: etherAmountSchema.default('0.1'),
    })
    .default({ topUpEth: '0.1' }),
  replication: z
    .object({
      /**
       * How many nodes pin every record version's blocks, the uploading node included
       * (replication/placement.ts); 'all': every node of the swarm, for small consortia.
       */
      copies: replicaCopiesSchema.default(2),
    })
    .default({ copies: 2 }),
})

export type Settings = z.output<typeof settingsSchema>
export type SettingsInput = z.input<typeof settingsSchema>

/**
 * A partial update: each given top-level section replaces the stored one whole, so a section is
 * always valid. The sections are unwrapped from their defaults: an absent section stays absent
 * instead of being filled with defaults that would overwrite what is stored.
 */
const sections = settingsSchema.shape
export const settingsPatchSchema = z
  .object({
    language: sections.language.unwrap(),
    chain: sections.chain.unwrap(),
    ipfs: sections.ipfs.unwrap(),
    security: sections.security.unwrap(),
    audit: sections.audit.unwrap(),
    funding: sections.funding.unwrap(),
    replication: sections.replication.unwrap(),
  })
  .partial()
  .strict()
export type SettingsPatch = z.input<typeof settingsPatchSchema>

export const defaultSettings: Settings = settingsSchema.parse({})
