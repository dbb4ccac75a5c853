// What a public form sends besides its body (docs/security.md, "For other modules"): the image captcha after the
// server asked for one, and the token of a verified phone. Plain fetch through the typed client, no query library.
import { isApiError } from '@/api/client';

export interface CaptchaAnswer { id: string; answer: string }

/** The headers of a public form's request: `X-Captcha-Id` / `X-Captcha-Answer` and `X-Phone-Token`, when given. */
export function safetyHeaders(o: { captcha?: CaptchaAnswer | null; phoneToken?: string | null }): Record<string, string> {
  return {
    ...(o.captcha ? { 'X-Captcha-Id': o.captcha.id, 'X-Captcha-Answer': o.captcha.answer } : {}),
    ...(o.phoneToken ? { 'X-Phone-Token': o.phoneToken } : {}),
  };
}

/** The server wants a (new) captcha before it takes the form: show CaptchaField, then send again. */
export const needsCaptcha = (e: unknown): boolean => isApiError(e) && (e.code === 'safety.captcha_required' || e.code === 'safety.captcha_invalid');

/** The phone's verification has lapsed or is missing: show PhoneVerify again. */
export const needsPhone = (e: unknown): boolean => isApiError(e) && e.code === 'safety.phone_unverified';
