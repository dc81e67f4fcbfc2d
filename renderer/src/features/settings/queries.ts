import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Settings, SettingsPatch } from '../../../../electron/node/settings/schema.ts'
import { emr } from '../../api/emr.ts'

export const settingsKey = ['settings'] as const

export function useSettings() {
  return useQuery({
    queryKey: settingsKey,
    queryFn: (): Promise<Settings> => emr.settings.get(),
    // Only this app changes the settings, and every change goes through useUpdateSettings.
    staleTime: Infinity,
  })
}

export function useUpdateSettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (patch: SettingsPatch): Promise<Settings> => emr.settings.update(patch),
    // The node answers with the whole saved settings: no need to fetch them again.
    onSuccess: (saved) => queryClient.setQueryData(settingsKey, saved),
  })
}
