// The one theme of the platform. Contrast ratios (WCAG 2.1, against the background
// they are used on) are noted beside each colour; AA needs 4.5:1 for body text.
import type { ThemeConfig } from 'antd';

export const brand = {
  red: '#C8161D', // party red; white text on it 5.9:1, it on white 5.9:1
  redDark: '#A10F15', // hover/pressed; white on it 8.1:1
  redBg: '#FFF1F0', // tinted background; red text on it 5.3:1
  gold: '#F5C242', // accent on dark backgrounds only: on #1F1F1F 10.0:1; never as text on white (1.7:1)
  goldText: '#8A5A00', // gold for text on white 5.9:1
  headerBg: '#1F1F1F', // dark console header; white on it 16.5:1
  text: 'rgba(0, 0, 0, 0.88)',
  textSecondary: 'rgba(0, 0, 0, 0.65)', // ≈ #595959 on white 7.0:1
  error: '#B3141B', // on white 6.9:1 (antd's default #ff4d4f is only 3.3:1)
  success: '#2B7A0B', // on white 5.4:1
  warningText: '#874D00', // on #FFFBE6 6.5:1
} as const;

/** A colour-blind-safe categorical palette (Okabe–Ito), led by the party red for single series. */
export const chartPalette = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#8C6D1F', '#4D4D4D'];

export const theme: ThemeConfig = {
  token: {
    colorPrimary: brand.red,
    colorLink: brand.red,
    colorLinkHover: brand.redDark,
    colorError: brand.error,
    colorSuccess: brand.success,
    // The success/error tints derived from the darkened colours come out murky; pin antd's own.
    colorSuccessBg: '#F6FFED',
    colorSuccessBorder: '#B7EB8F',
    colorErrorBg: '#FFF2F0',
    colorErrorBorder: '#FFCCC7',
    colorInfo: '#0958D9',
    colorWarning: '#D48806',
    // antd's tertiary/description greys are 0.45 alpha (3.4:1); raise them to AA.
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    borderRadius: 4,
    fontSize: 14,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif',
  },
  components: {
    Layout: { headerBg: brand.headerBg, headerColor: '#FFFFFF', siderBg: '#FFFFFF', headerHeight: 56, headerPadding: '0 16px' },
    Menu: { itemSelectedBg: brand.redBg, itemSelectedColor: brand.red },
    Statistic: { contentFontSize: 26 },
    Table: { headerBg: '#FAFAFA' },
  },
};
