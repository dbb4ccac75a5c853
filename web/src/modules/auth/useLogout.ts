// Signing out: end the session on the server, forget every cached response (they may
// hold personal data), and go to the login page.
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { ME_KEY, authApi, setSessionHint } from './auth-api';

export function useLogout(all = false) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await (all ? authApi.revokeAll() : authApi.logout()).catch(() => undefined);
    setSessionHint(false);
    queryClient.clear();
    queryClient.setQueryData(ME_KEY, null);
    navigate('/login', { replace: true });
  }, [all, navigate, queryClient]);
}
