/**
 * Gas of the identity flows, from receipts of a real node (gas is deterministic: the ceilings
 * are also tests). The paper reports 105,806 gas for staff registration.
 */
import { startBenchClinic } from './clinic.ts'
import type { Figure } from './figure.ts'

export async function measureIdentityGas(): Promise<Figure[]> {
  const clinic = await startBenchClinic()
  try {
    const gas = (receipt: { gasUsed: string }) => Number(receipt.gasUsed)
    const { registered, approved, patient } = clinic.receipts
    return [
      {
        name: 'gas: staff self-registration',
        value: gas(registered),
        unit: 'gas',
        note: 'ceiling 55,000; the paper reports 105,806',
      },
      { name: 'gas: staff approval', value: gas(approved), unit: 'gas', note: 'ceiling 35,000' },
      {
        name: 'gas: patient registration (relayed signature)',
        value: gas(patient),
        unit: 'gas',
        note: 'ceiling 55,000',
      },
    ]
  } finally {
    await clinic.stop()
  }
}
