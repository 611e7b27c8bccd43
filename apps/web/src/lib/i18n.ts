import type { Locale } from '@jaring/contracts';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import billingEn from '../locales/billing.en.json';
import billingId from '../locales/billing.id.json';
import devicesEn from '../locales/devices.en.json';
import devicesId from '../locales/devices.id.json';
import en from '../locales/en.json';
import gatewaysEn from '../locales/gateways.en.json';
import gatewaysId from '../locales/gateways.id.json';
import id from '../locales/id.json';
import monitoringEn from '../locales/monitoring.en.json';
import monitoringId from '../locales/monitoring.id.json';
import portalEn from '../locales/portal.en.json';
import portalId from '../locales/portal.id.json';

export const LOCALES: readonly Locale[] = ['id', 'en'];
export const DEFAULT_LOCALE: Locale = 'id';
const STORAGE_KEY = 'jaring.locale';

export function isLocale(value: unknown): value is Locale {
  return value === 'id' || value === 'en';
}

export function storedLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  return isLocale(stored) ? stored : DEFAULT_LOCALE;
}

export function initI18n(): void {
  void i18next.use(initReactI18next).init({
    // Billing screens, online payments, monitoring and the customer portal keep their strings in
    // their own files.
    resources: {
      id: {
        translation: {
          ...id,
          ...billingId,
          ...gatewaysId,
          ...monitoringId,
          ...devicesId,
          portal: portalId,
        },
      },
      en: {
        translation: {
          ...en,
          ...billingEn,
          ...gatewaysEn,
          ...monitoringEn,
          ...devicesEn,
          portal: portalEn,
        },
      },
    },
    lng: storedLocale(),
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: LOCALES,
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  document.documentElement.lang = i18next.language;
}

/** Switches the UI language and remembers it on this device. */
export function setLocale(locale: Locale): void {
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
  if (i18next.language !== locale) void i18next.changeLanguage(locale);
}

export function currentLocale(): Locale {
  return isLocale(i18next.language) ? i18next.language : DEFAULT_LOCALE;
}
