// Calls of the auth part of the contract, and the query that holds the current account.
import { useQuery } from '@tanstack/react-query';
import { api, isApiError, ok } from '@/api/client';
import type { Me } from '@/api/types';
import { hasSessionHint, setSessionHint } from './session-hint';

export { hasSessionHint, setSessionHint };

export const ME_KEY = ['me'] as const;

/** The signed-in account, or null when there is no session (401). */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await ok(api.GET('/api/me'));
    setSessionHint(true);
    return me;
  } catch (e) {
    if (isApiError(e) && e.status === 401) {
      setSessionHint(false);
      return null;
    }
    throw e;
  }
}

export function useMe(enabled = true) {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000, enabled });
}

/**
 * Whether the session may use the app. A session that still owes its second factor
 * (or an authenticator enrolment) may only finish logging in; demo accounts skip it.
 */
export function sessionStep(me: Me): 'ok' | 'mfa' | 'enrol' {
  if (me.demo || me.mfa.passed) return 'ok';
  if (me.mfa.enabled) return 'mfa';
  if (me.mfa.required) return 'enrol';
  return 'ok';
}

/** Where an account lands after signing in. */
export function homeOf(me: Me): string {
  if (me.kind === 'staff') return me.mustChangePassword ? '/admin/profile' : '/admin';
  return '/me';
}

export const authApi = {
  login: (username: string, password: string) => ok(api.POST('/api/auth/login', { body: { username, password } })),
  mfa: (code: string) => ok(api.POST('/api/auth/mfa', { body: { code } })),
  smsCode: (phone: string) => ok(api.POST('/api/auth/sms-code', { body: { phone } })),
  smsLogin: (phone: string, code: string) => ok(api.POST('/api/auth/sms-login', { body: { phone, code } })),
  logout: () => ok(api.POST('/api/auth/logout')),
  revokeAll: () => ok(api.POST('/api/auth/revoke-all')),
  totpSetup: () => ok(api.POST('/api/me/totp/setup')),
  totpConfirm: (code: string) => ok(api.POST('/api/me/totp/confirm', { body: { code } })),
  changePassword: (currentPassword: string, newPassword: string) => ok(api.POST('/api/me/password', { body: { currentPassword, newPassword } })),
  sessions: () => ok(api.GET('/api/me/sessions')),
};
