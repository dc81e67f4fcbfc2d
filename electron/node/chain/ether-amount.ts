import { z } from 'zod'

/**
 * An amount of ether as people write it ("0.1"): decimal text, never a float, so no amount is
 * rounded on its way to wei (ethers' `parseEther` reads it). Above 0, at most 18 decimals. Pure
 * zod: the api spec, which the preload and renderer load, uses it.
 */
export const etherAmountSchema = z
  .string()
  .trim()
  .regex(/^\d{1,9}(\.\d{1,18})?$/, 'not an amount of ETH (e.g. 0.1)')
  .refine((amount) => /[1-9]/.test(amount), 'an amount above 0')
