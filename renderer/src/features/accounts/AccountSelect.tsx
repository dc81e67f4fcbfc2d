import { NativeSelect } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { AccountView } from '../../../../electron/node/identity/types.ts'
import { shortAddress } from '../../shared/address.ts'
import type { InputBinding } from '../../shared/useSchemaForm.ts'

interface AccountSelectProps extends InputBinding {
  accounts: readonly AccountView[]
  description?: string
}

/** One of this workstation's accounts, by its label and short address. */
export function AccountSelect({ accounts, ...props }: AccountSelectProps) {
  const { t } = useTranslation()
  const data = [
    { value: '', label: t('accounts.choose'), disabled: true },
    ...accounts.map((account) => ({
      value: account.address,
      label: `${account.label} · ${shortAddress(account.address)}`,
    })),
  ]
  return <NativeSelect label={t('fields.account')} data={data} required {...props} />
}
