/** Phones as the SMS module handles them: normalized mainland mobiles, masked as member records mask them. */
import { normalizeMobile, validateMobile } from '../../platform/identity/phone.js';
import { maskMobile } from '../../platform/identity/mask.js';

export const maskPhone = maskMobile;

/** The normalized mobile, or null when the text is not a mainland mobile number. */
export function parseMobile(raw: string): string | null {
  const v = normalizeMobile(raw);
  return validateMobile(v) ? null : v;
}
