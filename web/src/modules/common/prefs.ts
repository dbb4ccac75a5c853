// Viewer preferences that must work before any login and without antd:
// the elder-friendly large-type mode (适老化) and the interface language.
import { useCallback, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { setLang, type Lang } from '@/i18n';

const ELDER_KEY = 'dj.elder';
const listeners = new Set<() => void>();

function readElder(): boolean {
  try {
    return localStorage.getItem(ELDER_KEY) === '1';
  } catch {
    return false;
  }
}

/** Applies the stored mode to <html> at start-up, before the first paint of the page. */
export function applyElderMode(): void {
  document.documentElement.classList.toggle('elder', readElder());
}

function setElder(on: boolean): void {
  try {
    localStorage.setItem(ELDER_KEY, on ? '1' : '0');
  } catch {
    // not remembered in private mode; still applied below
  }
  document.documentElement.classList.toggle('elder', on);
  listeners.forEach((l) => l());
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useElderMode(): [boolean, (on: boolean) => void] {
  const on = useSyncExternalStore(subscribe, () => document.documentElement.classList.contains('elder'));
  return [on, setElder];
}

export function useLang(): [Lang, (lang: Lang) => void] {
  const { i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const change = useCallback((next: Lang) => void setLang(next), []);
  return [lang, change];
}
