// Login and the member centre are read on phones by people of every age: body text is
// at least 16 px, and 18 px in the 适老化 mode. The console keeps antd's denser 14 px.
import type { ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import { useElderMode } from './prefs';

export function PublicTheme({ children }: { children: ReactNode }) {
  const [elder] = useElderMode();
  const fontSize = elder ? 20 : 16;
  return (
    <ConfigProvider theme={{ token: { fontSize, controlHeight: elder ? 44 : 40 } }}>
      {children}
    </ConfigProvider>
  );
}
