// Countries, one way everywhere: ISO 3166-1 alpha-2 codes, with English names (and their common
// variants) accepted and converted. Every importer, CLI option and API parameter goes through
// here, so "Germany", "de" and "DE" are the same country and "XX1" is an error, not a filter
// that silently matches nothing.
import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import { didYouMean } from './closest.js';

countries.registerLocale(en);

// Names that real exports use and the registry's English names do not cover: the Internet
// Topology Zoo's spellings and ISO's exceptionally reserved UK and EL.
const EXTRA: Record<string, string> = {
  'macedonia': 'MK',
  'myanmar [burma]': 'MM',
  'bonaire, saint eustatius and saba': 'BQ',
  'curacao': 'CW',
  'saint martin': 'MF',
  'u.s. virgin islands': 'VI',
  'brunei': 'BN',
  'macau': 'MO',
  'turkey': 'TR',
  'uk': 'GB',
  'great britain': 'GB',
  'england': 'GB',
  'scotland': 'GB',
  'wales': 'GB',
  'northern ireland': 'GB',
  'el': 'GR',
  'usa': 'US',
  'u.s.': 'US',
  'u.s.a.': 'US',
  'kosovo': 'XK',
  // Short forms the registry only knows in their long official form (Zoo files use the first two).
  'moldova': 'MD',
  'syria': 'SY',
  'laos': 'LA',
  'vatican': 'VA',
  'micronesia': 'FM',
  'dr congo': 'CD',
  'swaziland': 'SZ',
  'holland': 'NL',
};

const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase().replace(/\s+/g, ' ');

const BY_NAME = new Map<string, string>();
for (const [code, names] of Object.entries(countries.getNames('en', { select: 'all' }))) {
  for (const n of names) BY_NAME.set(fold(n), code);
}
for (const [k, v] of Object.entries(EXTRA)) BY_NAME.set(k, v);

const CODES = new Set(Object.keys(countries.getAlpha2Codes()).concat('XK'));

/** ISO alpha-2 (upper case) for a code in any case, an alpha-3 code, or an English name; undefined when unknown. */
export function countryCode(input: string): string | undefined {
  const t = input.trim();
  if (t.length === 2) {
    const up = t.toUpperCase();
    if (CODES.has(up)) return up;
  }
  if (/^[A-Za-z]{3}$/.test(t)) {
    const a2 = countries.alpha3ToAlpha2(t.toUpperCase());
    if (a2) return a2;
  }
  return BY_NAME.get(fold(t));
}

/** The English name of an alpha-2 code (the code itself when unknown). */
export function countryName(code: string): string {
  return countries.getName(code, 'en') ?? code;
}

/** Every alpha-2 code. */
export function countryCodes(): readonly string[] {
  return [...CODES].sort();
}

/** Why `input` is not a country, with the nearest code or name when one is close. */
export function unknownCountryMessage(input: string): string {
  const names = [...CODES, ...[...CODES].map((c) => countryName(c))];
  return `unknown country '${input}' (expected an ISO 3166 alpha-2 code such as DE or an English name such as Germany)${didYouMean(input, names)}`;
}
