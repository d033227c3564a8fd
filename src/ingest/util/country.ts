// Every importer reads a country the same way (src/model/country.ts): "Germany", "de", "DEU" and
// "DE" are one country. A value that is no country is neither dropped silently nor fatal: the
// user is told where it is, and the value stays on the record in `extra` to be fixed later.
import { countryCode, unknownCountryMessage } from '../../model/country.js';

/** Longest country value echoed into a warning; a longer one cannot be a country anyway. */
const MAX_ECHO = 60;

/**
 * The alpha-2 code of `value`, or undefined: for an empty value silently, for a value that is no
 * country with a warning, the value kept as `extra[key]`.
 */
export function readCountry(value: string, key: string, extra: Record<string, string>, warn: (message: string) => void): string | undefined {
  const t = value.trim();
  if (t === '') return undefined;
  const cc = countryCode(t);
  if (cc !== undefined) return cc;
  const echo = t.length > MAX_ECHO ? `${t.slice(0, MAX_ECHO)}...` : t;
  warn(`${unknownCountryMessage(echo)}; kept as '${key}' in extra`);
  extra[key] = value;
  return undefined;
}
