/**
 * A page that holds something it cannot show again (a patient's one-time key, an upload in
 * progress) sets a beforeunload prompt. Chromium asks the user; Electron instead cancels the
 * close or reload without a word, which would leave a window that will not close. The shell
 * asks natively and lets the page go when the user says so. Electron is imported for types only.
 */
import type { WebContents } from 'electron'

export type LeaveLanguage = 'en' | 'zh-TW'

/** The dialog's words, in the app's display language. */
export const leavePromptText: Record<
  LeaveLanguage,
  { title: string; message: string; detail: string; leave: string; stay: string }
> = {
  en: {
    title: 'Leave this screen?',
    message: 'This screen holds something that is lost if you leave it now.',
    detail:
      "For example a patient's key file and passphrase that have not been handed over, or a file still uploading. Stay to finish first.",
    leave: 'Leave',
    stay: 'Stay',
  },
  'zh-TW': {
    title: '確定離開此畫面？',
    message: '此畫面上有離開後就會遺失的內容。',
    detail: '例如尚未交給病人的金鑰檔與密碼，或仍在上傳的檔案。請留下完成後再離開。',
    leave: '離開',
    stay: '留下',
  },
}

/**
 * On `will-prevent-unload`, asks `confirmLeave` (a native dialog in the shell); a yes lets the
 * page unload, a no keeps it as it is.
 */
export function askBeforeUnload(
  contents: Pick<WebContents, 'on'>,
  confirmLeave: () => boolean,
): void {
  contents.on('will-prevent-unload', (event) => {
    if (confirmLeave()) event.preventDefault()
  })
}
