// The console frame in the Ant Design Pro manner: dark header (platform, account,
// language, sign-out), side menu by module, breadcrumb, then the page. On phones the
// side menu becomes a drawer opened from the header.
import { useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { Alert, Breadcrumb, Button, Drawer, Grid, Layout, Menu } from 'antd';
import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Me } from '@/api/types';
import { useLogout } from '@/modules/auth/useLogout';
import { Emblem } from '@/modules/common/Emblem';
import { LanguageSwitch } from '@/modules/common/LanguageSwitch';
import { CONSOLE_MODULES, moduleOf, modulePath, visibleTo } from '@/modules/manifests';

export function AdminLayout({ me, children }: { me: Me; children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const screens = Grid.useBreakpoint();
  const phone = screens.lg === false;
  const [drawer, setDrawer] = useState(false);
  const current = moduleOf(location.pathname);

  // Modules of one group become one submenu, where the group's first module stands.
  type Item = { key: string; icon: ReactNode; label: string; children?: Item[] };
  const items: Item[] = [];
  for (const m of CONSOLE_MODULES.filter((x) => visibleTo(me, x))) {
    const item = { key: m.key, icon: m.icon, label: t(m.label) };
    if (!m.group) { items.push(item); continue; }
    const groupKey = `group:${m.group.key}`;
    const group = items.find((i) => i.key === groupKey);
    if (group) group.children!.push(item);
    else items.push({ key: groupKey, icon: m.group.icon, label: t(m.group.label), children: [item] });
  }
  const menu = (
    <Menu
      mode="inline"
      selectedKeys={current ? [current.key] : []}
      defaultOpenKeys={current?.group ? [`group:${current.group.key}`] : []}
      items={items}
      onClick={({ key }) => {
        const entry = CONSOLE_MODULES.find((m) => m.key === key);
        if (entry) navigate(modulePath(entry));
        setDrawer(false);
      }}
    />
  );

  return (
    <Layout className="console">
      <a className="skip-link" href="#main">{t('common.skipToContent')}</a>
      <Layout.Header className="console-header">
        {phone && (
          <Button type="text" className="header-btn" icon={<MenuOutlined aria-hidden />} aria-label={t('common.openMenu')} onClick={() => setDrawer(true)} />
        )}
        <Link to="/admin" className="console-brand">
          <Emblem size={26} />
          <span className="console-brand-full">{t('common.appName')}</span>
          <span className="console-brand-short">{t('common.appShort')}</span>
          <span className="console-brand-tag">{t('common.console')}</span>
        </Link>
        <div className="console-header-right">
          <span className="console-account" title={t('common.currentAccount', { name: me.displayName })}>
            <UserOutlined aria-hidden /> <span className="console-account-name">{me.displayName}</span>
          </span>
          <LanguageSwitch dark />
          <Button
            type="text"
            className="header-btn"
            icon={<LogoutOutlined aria-hidden />}
            aria-label={t('common.logout')}
            onClick={() => void logout()}
            data-testid="logout"
          >
            <span className="header-btn-label">{t('common.logout')}</span>
          </Button>
        </div>
      </Layout.Header>
      {/* A labelled section is a landmark, so the notice is not stray content to screen readers. */}
      {me.demo && <section className="demo-banner" aria-label={t('common.demoLabel')}>{t('common.demoBanner')}</section>}
      <Layout>
        {!phone && (
          <Layout.Sider width={208} theme="light" className="console-sider">
            <nav aria-label={t('common.mainNav')}>{menu}</nav>
          </Layout.Sider>
        )}
        {phone && (
          <Drawer placement="left" open={drawer} onClose={() => setDrawer(false)} size={260} title={t('common.console')} styles={{ body: { padding: 0 } }}>
            <nav aria-label={t('common.mainNav')}>{menu}</nav>
          </Drawer>
        )}
        <Layout.Content id="main" tabIndex={-1} className="console-content">
          <Breadcrumb
            className="console-breadcrumb"
            aria-label={t('common.breadcrumb')}
            items={[
              { title: <Link to="/admin">{t('common.console')}</Link> },
              ...(current?.group ? [{ title: t(current.group.label) }] : []),
              ...(current ? [{ title: current.nested ? <Link to={modulePath(current)}>{t(current.label)}</Link> : t(current.label) }] : []),
            ]}
          />
          {me.mustChangePassword && current?.key !== 'profile' && (
            <Alert type="warning" showIcon className="console-alert" title={t('profile.mustChange')}
              action={<Button size="small" onClick={() => navigate('/admin/profile')}>{t('nav.profile')}</Button>} />
          )}
          {children}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
