// Calls of the auth part of the contract, and the query that holds the current account.
import { useQuery } from '@tanstack/react-query';
import { api, isApiError, ok } from '@/api/client';
import type { Me } from '@/api/types';

export const ME_KEY = ['me'] as const;

// A hint that this browser probably holds a session, so that the login page only asks
// /api/me (to resume a second step or skip the form) when that can succeed; an
// anonymous visitor then sees no 401 in the console.
const HINT = 'dj.session';
export function setSessionHint(on: boolean): void {
  try {
    if (on) localStorage.setItem(HINT, '1');
    else localStorage.removeItem(HINT);
  } catch {
    // storage unavailable: the login page simply does not resume
  }
}
export function hasSessionHint(): boolean {
  try {
    return localStorage.getItem(HINT) === '1';
  } catch {
    return false;
  }
}

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
