// Country names exactly as the Internet Topology Zoo writes them (every value of the `Country`
// node attribute across its GraphML files) -> ISO 3166-1 alpha-2. Kosovo has no ISO code and is
// left out on purpose; a name not here stays in the device's `extra.Country`.
const ZOO_COUNTRIES: Record<string, string> = {
  'Albania': 'AL', 'Algeria': 'DZ', 'Antigua and Barbuda': 'AG', 'Argentina': 'AR', 'Armenia': 'AM',
  'Australia': 'AU', 'Austria': 'AT', 'Bahamas': 'BS', 'Barbados': 'BB', 'Belarus': 'BY',
  'Belgium': 'BE', 'Belize': 'BZ', 'Bolivia': 'BO', 'Bonaire, Saint Eustatius and Saba': 'BQ',
  'Bosnia and Herzegovina': 'BA', 'Brazil': 'BR', 'Brunei': 'BN', 'Bulgaria': 'BG', 'Canada': 'CA',
  'Cayman Islands': 'KY', 'Chile': 'CL', 'China': 'CN', 'Colombia': 'CO', 'Costa Rica': 'CR',
  'Croatia': 'HR', 'Curacao': 'CW', 'Cyprus': 'CY', 'Czech Republic': 'CZ', 'Denmark': 'DK',
  'Dominica': 'DM', 'Dominican Republic': 'DO', 'Ecuador': 'EC', 'Egypt': 'EG', 'El Salvador': 'SV',
  'Estonia': 'EE', 'Fiji': 'FJ', 'Finland': 'FI', 'France': 'FR', 'Gambia': 'GM', 'Georgia': 'GE',
  'Germany': 'DE', 'Gibraltar': 'GI', 'Greece': 'GR', 'Grenada': 'GD', 'Guadeloupe': 'GP',
  'Guam': 'GU', 'Guatemala': 'GT', 'Guyana': 'GY', 'Honduras': 'HN', 'Hong Kong': 'HK',
  'Hungary': 'HU', 'Iceland': 'IS', 'India': 'IN', 'Indonesia': 'ID', 'Ireland': 'IE', 'Israel': 'IL',
  'Italy': 'IT', 'Jamaica': 'JM', 'Japan': 'JP', 'Latvia': 'LV', 'Lebanon': 'LB', 'Libya': 'LY',
  'Liechtenstein': 'LI', 'Lithuania': 'LT', 'Luxembourg': 'LU', 'Macau': 'MO', 'Macedonia': 'MK',
  'Malaysia': 'MY', 'Malta': 'MT', 'Martinique': 'MQ', 'Mexico': 'MX', 'Moldova': 'MD',
  'Montenegro': 'ME', 'Morocco': 'MA', 'Myanmar [Burma]': 'MM', 'Netherlands': 'NL',
  'New Zealand': 'NZ', 'Nicaragua': 'NI', 'Nigeria': 'NG', 'Norway': 'NO', 'Pakistan': 'PK',
  'Panama': 'PA', 'Peru': 'PE', 'Philippines': 'PH', 'Poland': 'PL', 'Portugal': 'PT',
  'Puerto Rico': 'PR', 'Romania': 'RO', 'Russia': 'RU', 'Saint Martin': 'MF',
  'Saint Vincent and the Grenadines': 'VC', 'Saudi Arabia': 'SA', 'Serbia': 'RS', 'Singapore': 'SG',
  'Slovakia': 'SK', 'Slovenia': 'SI', 'South Africa': 'ZA', 'South Korea': 'KR', 'Spain': 'ES',
  'Sri Lanka': 'LK', 'Suriname': 'SR', 'Svalbard and Jan Mayen': 'SJ', 'Sweden': 'SE',
  'Switzerland': 'CH', 'Syria': 'SY', 'Taiwan': 'TW', 'Thailand': 'TH', 'Trinidad and Tobago': 'TT',
  'Turkey': 'TR', 'Turks and Caicos Islands': 'TC', 'U.S. Virgin Islands': 'VI', 'Ukraine': 'UA',
  'United Arab Emirates': 'AE', 'United Kingdom': 'GB', 'United States': 'US', 'Uruguay': 'UY',
  'Venezuela': 'VE', 'Vietnam': 'VN', 'Zambia': 'ZM',
};

const BY_LOWER = new Map(Object.entries(ZOO_COUNTRIES).map(([k, v]) => [k.toLowerCase(), v]));

/** ISO alpha-2 for a Zoo country name or an alpha-2 code already; undefined when unknown. */
export function countryCodeOf(name: string): string | undefined {
  const t = name.trim();
  if (/^[A-Z]{2}$/.test(t)) return t;
  return BY_LOWER.get(t.toLowerCase());
}
