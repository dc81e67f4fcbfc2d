import { z } from 'zod'

/**
 * The consortium token's form: 32 random bytes in base64url, 43 characters without padding.
 * Free of Node modules, so the renderer checks a site configuration with the same schema.
 */
export const rpcTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'not a consortium token (43 base64url characters)')
