// Providers for the signed-in faces (login, member centre, console): antd with the
// platform theme (without motion for readers who ask their system for less) and locale, dayjs locale, and TanStack Query.
import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { App as AntApp, ConfigProvider, Spin, type ThemeConfig } from 'antd';
import antdZhCN from 'antd/locale/zh_CN';
import antdEnUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { QueryClientProvider } from '@tanstack/react-query';
import { theme } from '@/theme';
import type { StringsPart } from '@/i18n/strings';
import { enumsStrings } from '@/i18n/sections/enums.zh-CN';
import { loginStrings } from '@/i18n/sections/login.zh-CN';
import { profileStrings } from '@/i18n/sections/profile.zh-CN';
import { useReducedMotion } from '@/modules/common/useReducedMotion';
import { queryClient } from './query-client';
import '@/styles/console.css';

/** The strings of every signed-in face: the login steps (also the profile's authenticator), the password form, enumerations. */
export const shellStrings: readonly StringsPart[] = [loginStrings, profileStrings, enumsStrings];

/** The platform theme with antd's motion off, for readers who ask their system for reduced motion. */
const stillTheme: ThemeConfig = { ...theme, token: { ...theme.token, motion: false } };

export function Shell() {
  const { i18n, t } = useTranslation();
  const en = i18n.language === 'en';
  dayjs.locale(en ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={en ? antdEnUS : antdZhCN} theme={useReducedMotion() ? stillTheme : theme} button={{ autoInsertSpace: false }}>
      <AntApp component={false}>
        <QueryClientProvider client={queryClient}>
          <Suspense fallback={<div className="page-fallback" role="status"><Spin /> {t('common.loading')}</div>}>
            <Outlet />
          </Suspense>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
