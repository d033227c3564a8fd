// The devices a rule's countries leave to judge. A device whose recorded country is not among a
// rule's countries is out of its scope whatever else it records (matchScope: a recorded attribute
// that excludes settles it), so a national rule need not judge the other countries' devices one
// by one: at 100k devices and some fifty national rules that was most of the policy check's time
// (issue 18). Devices with the country blank stay: for them the rule may be needs-data.
import type { PolicyDevice } from './device.js';
import type { Scope } from './schema.js';

export interface CountryIndex {
  all: readonly PolicyDevice[];
  /** Recorded country → the positions of its devices, ascending. */
  byCountry: Map<string, number[]>;
  /** Positions of the devices with no country recorded, ascending. */
  blank: number[];
}

export function countryIndex(devices: readonly PolicyDevice[]): CountryIndex {
  const byCountry = new Map<string, number[]>();
  const blank: number[] = [];
  devices.forEach((d, i) => {
    const c = d.country;
    if (c === undefined || c === null || c === '') blank.push(i);
    else (byCountry.get(c) ?? byCountry.set(c, []).get(c)!).push(i);
  });
  return { all: devices, byCountry, blank };
}

/** The devices the rule's countries do not exclude, in input order (the findings' tie order). */
export function devicesInCountries(index: CountryIndex, countries: Scope['countries']): readonly PolicyDevice[] {
  if (countries === 'any') return index.all;
  const at = [...index.blank];
  // a loop, not push(...list): a country of a million devices would overflow the call's arguments
  for (const c of new Set(countries)) for (const i of index.byCountry.get(c) ?? []) at.push(i);
  return at.sort((a, b) => a - b).map((i) => index.all[i]!);
}
