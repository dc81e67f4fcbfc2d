import { NativeSelect } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { roleKeys, staffRoles } from '../../shared/roles.ts'
import type { InputBinding } from '../../shared/useSchemaForm.ts'

/** The staff role asked for: physician, nurse, technician, pharmacist or administrator. */
export function RoleSelect(props: InputBinding) {
  const { t } = useTranslation()
  const data = [
    { value: '', label: t('staff.chooseRole'), disabled: true },
    ...staffRoles.map((role) => ({ value: role, label: t(roleKeys[role]) })),
  ]
  return <NativeSelect label={t('fields.role')} data={data} required {...props} />
}
