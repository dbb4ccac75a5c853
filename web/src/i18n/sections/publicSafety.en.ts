import type { publicSafetyZh } from './publicSafety.zh-CN';

export const publicSafetyEn: typeof publicSafetyZh = {
  phone: 'Mobile number', phonePlaceholder: '11-digit mobile number', phoneInvalid: 'Enter a valid 11-digit mobile number',
  getCode: 'Send code', resendIn: 'Send again in {{seconds}} s', sent: 'A code was sent to {{phone}}; it is valid for {{minutes}} minutes',
  code: 'SMS code', codePlaceholder: '6 digits', codeInvalid: 'Enter the 6-digit code from the text message', verify: 'Verify',
  verified: 'Mobile number {{phone}} verified', change: 'Use another number',
  demoHint: 'Demo: the code can be read on the console’s Virtual phones page.',
  captcha: 'Image captcha', captchaAlt: 'Image captcha (4 digits); choose “New image” if it is hard to read', captchaPlaceholder: '4 digits',
  captchaRefresh: 'New image', captchaNeeded: 'Many attempts from your network: please enter the image captcha first', captchaLoadFailed: 'The captcha did not load; choose “New image”',
  captchaInvalid: 'Enter the 4 digits in the image',
};
