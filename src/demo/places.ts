// Real places at their real coordinates. City coordinates are city-centre values for each
// city's English Wikipedia article (4 decimals); base coordinates are from the sources named per
// row, flagged `approximate` where they were not read off that source. Every row carries its
// source so docs/demo.md and the map can cite it.

export type Country = 'DE' | 'IT' | 'JP' | 'GB' | 'US' | 'SG';

export interface Place {
  readonly id: string;
  readonly name: string;
  readonly country: Country;
  readonly lat: number;
  readonly lon: number;
  readonly source: string;
}

const wp = (title: string): string => `https://en.wikipedia.org/wiki/${title}`;
const wpApprox = (title: string, what: string): string => `https://en.wikipedia.org/wiki/${title} (${what}; approximate, to be re-checked against the infobox)`;

/** Points of presence of the commercial operators. */
export const CITIES: readonly Place[] = [
  { id: 'FRA', name: 'Frankfurt am Main', country: 'DE', lat: 50.1109, lon: 8.6821, source: wp('Frankfurt') },
  { id: 'BER', name: 'Berlin', country: 'DE', lat: 52.52, lon: 13.405, source: wp('Berlin') },
  { id: 'MUC', name: 'Munich', country: 'DE', lat: 48.1374, lon: 11.5755, source: wp('Munich') },
  { id: 'HAM', name: 'Hamburg', country: 'DE', lat: 53.5511, lon: 9.9937, source: wp('Hamburg') },
  { id: 'KLU', name: 'Kaiserslautern', country: 'DE', lat: 49.4447, lon: 7.769, source: wp('Kaiserslautern') },
  { id: 'STR', name: 'Stuttgart', country: 'DE', lat: 48.7758, lon: 9.1829, source: wp('Stuttgart') },
  { id: 'NUE', name: 'Nuremberg', country: 'DE', lat: 49.4521, lon: 11.0767, source: wp('Nuremberg') },
  { id: 'MIL', name: 'Milan', country: 'IT', lat: 45.4642, lon: 9.19, source: wp('Milan') },
  { id: 'ROM', name: 'Rome', country: 'IT', lat: 41.9028, lon: 12.4964, source: wp('Rome') },
  { id: 'NAP', name: 'Naples', country: 'IT', lat: 40.8518, lon: 14.2681, source: wp('Naples') },
  { id: 'VCE', name: 'Venice', country: 'IT', lat: 45.4408, lon: 12.3155, source: wp('Venice') },
  { id: 'PDN', name: 'Pordenone', country: 'IT', lat: 45.9564, lon: 12.6615, source: wp('Pordenone') },
  { id: 'VIC', name: 'Vicenza', country: 'IT', lat: 45.5455, lon: 11.5354, source: wp('Vicenza') },
  { id: 'CTA', name: 'Catania', country: 'IT', lat: 37.5079, lon: 15.083, source: wp('Catania') },
  { id: 'TYO', name: 'Tokyo', country: 'JP', lat: 35.6762, lon: 139.6503, source: wp('Tokyo') },
  { id: 'OSA', name: 'Osaka', country: 'JP', lat: 34.6937, lon: 135.5023, source: wp('Osaka') },
  { id: 'FUS', name: 'Fussa', country: 'JP', lat: 35.7384, lon: 139.3267, source: wp('Fussa') },
  { id: 'YOK', name: 'Yokosuka', country: 'JP', lat: 35.2815, lon: 139.6722, source: wp('Yokosuka') },
  { id: 'MSW', name: 'Misawa', country: 'JP', lat: 40.6828, lon: 141.369, source: wp('Misawa,_Aomori') },
  { id: 'NAH', name: 'Naha', country: 'JP', lat: 26.2124, lon: 127.6809, source: wp('Naha') },
  { id: 'OKC', name: 'Okinawa City', country: 'JP', lat: 26.3344, lon: 127.8056, source: wp('Okinawa,_Okinawa') },
  { id: 'LON', name: 'London', country: 'GB', lat: 51.5072, lon: -0.1276, source: wp('London') },
  { id: 'MAN', name: 'Manchester', country: 'GB', lat: 53.4808, lon: -2.2426, source: wp('Manchester') },
  { id: 'BHM', name: 'Birmingham', country: 'GB', lat: 52.4862, lon: -1.8904, source: wp('Birmingham') },
  { id: 'CAM', name: 'Cambridge', country: 'GB', lat: 52.2053, lon: 0.1218, source: wp('Cambridge') },
  { id: 'BSE', name: 'Bury St Edmunds', country: 'GB', lat: 52.2463, lon: 0.7111, source: wp('Bury_St_Edmunds') },
];

/** Transit PoPs outside the four host countries: the long-haul paths to Japan run through them. */
export const TRANSIT_POINTS: readonly Place[] = [
  { id: 'NYC', name: 'New York', country: 'US', lat: 40.7128, lon: -74.006, source: wp('New_York_City') },
  { id: 'LAX', name: 'Los Angeles', country: 'US', lat: 34.0522, lon: -118.2437, source: wp('Los_Angeles') },
  { id: 'SIN', name: 'Singapore', country: 'SG', lat: 1.3521, lon: 103.8198, source: wp('Singapore') },
];

export interface BasePlace extends Place {
  /** Short label used in device ids and flow ids. */
  readonly short: string;
  readonly service: 'USAF' | 'US Army' | 'US Navy';
  /**
   * Not checked against the cited page when the table was written (good to about 1 km); the
   * others were read off the cited page.
   */
  readonly approximate?: boolean;
}

/** US military sites at their public locations. */
export const BASES: readonly BasePlace[] = [
  { id: 'ramstein', short: 'RMS', name: 'Ramstein Air Base', service: 'USAF', country: 'DE', lat: 49.4368, lon: 7.6003, source: wp('Ramstein_Air_Base') + ', 49°26.21′N 7°36.02′E (DoD FLIP)' },
  { id: 'landstuhl', short: 'LRMC', name: 'Landstuhl Regional Medical Center', service: 'US Army', country: 'DE', lat: 49.4042, lon: 7.5603, source: wp('Landstuhl_Regional_Medical_Center') + ', 49°24′15″N 7°33′37″E' },
  { id: 'grafenwoehr', short: 'GRF', name: 'Grafenwöhr Training Area', service: 'US Army', country: 'DE', lat: 49.698, lon: 11.94, approximate: true, source: wpApprox('Grafenwöhr_Training_Area', 'main post') },
  { id: 'patch', short: 'PATCH', name: 'Patch Barracks, Stuttgart-Vaihingen (EUCOM HQ)', service: 'US Army', country: 'DE', lat: 48.7364, lon: 9.0811, source: 'https://de.wikipedia.org/wiki/Patch_Barracks (Koordinaten 48°44′11″N 9°04′52″E)' },
  { id: 'aviano', short: 'AVB', name: 'Aviano Air Base', service: 'USAF', country: 'IT', lat: 46.0319, lon: 12.5965, source: wp('Aviano_Air_Base') + ', 46°01′55″N 12°35′47″E' },
  { id: 'vicenza', short: 'EDR', name: 'Caserma Ederle, Vicenza', service: 'US Army', country: 'IT', lat: 45.5424, lon: 11.5785, source: 'https://de.wikipedia.org/wiki/Caserma_Ederle (Koordinaten 45°32′32.7″N 11°34′42.6″E)' },
  { id: 'sigonella', short: 'SIG', name: 'Naval Air Station Sigonella', service: 'US Navy', country: 'IT', lat: 37.4017, lon: 14.9222, approximate: true, source: wpApprox('Naval_Air_Station_Sigonella', 'airfield') },
  { id: 'naples', short: 'NSAN', name: 'Naval Support Activity Naples (Capodichino)', service: 'US Navy', country: 'IT', lat: 40.8836, lon: 14.2906, approximate: true, source: wpApprox('Naval_Support_Activity_Naples', 'Capodichino site') },
  { id: 'yokota', short: 'OKO', name: 'Yokota Air Base (USFJ HQ)', service: 'USAF', country: 'JP', lat: 35.7485, lon: 139.3485, approximate: true, source: wpApprox('Yokota_Air_Base', 'airfield') },
  { id: 'yokosuka', short: 'CFAY', name: 'Fleet Activities Yokosuka', service: 'US Navy', country: 'JP', lat: 35.2883, lon: 139.6667, approximate: true, source: wpApprox('United_States_Fleet_Activities_Yokosuka', 'base centre') },
  { id: 'misawa', short: 'MSJ', name: 'Misawa Air Base', service: 'USAF', country: 'JP', lat: 40.7032, lon: 141.3686, approximate: true, source: wpApprox('Misawa_Air_Base', 'airfield') },
  { id: 'kadena', short: 'DNA', name: 'Kadena Air Base', service: 'USAF', country: 'JP', lat: 26.3556, lon: 127.7675, approximate: true, source: wpApprox('Kadena_Air_Base', 'airfield') },
  { id: 'lakenheath', short: 'LKZ', name: 'RAF Lakenheath', service: 'USAF', country: 'GB', lat: 52.4093, lon: 0.561, approximate: true, source: wpApprox('RAF_Lakenheath', 'airfield') },
  { id: 'mildenhall', short: 'MHZ', name: 'RAF Mildenhall', service: 'USAF', country: 'GB', lat: 52.3619, lon: 0.4864, approximate: true, source: wpApprox('RAF_Mildenhall', 'airfield') },
];

export function placeById(id: string): Place {
  const p = CITIES.find((c) => c.id === id) ?? TRANSIT_POINTS.find((c) => c.id === id);
  if (!p) throw new Error(`unknown place ${id}`);
  return p;
}

/** Great-circle distance in km (haversine): link metrics and latencies derive from it. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
