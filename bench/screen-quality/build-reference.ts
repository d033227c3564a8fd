// Builds src/screen/data/reference-token-counts.json, the reference corpus of company names the
// matcher's token weights start from: in how many names of the SEC's company_tickers.json (every
// company filing with the SEC, US government data) each normalised token occurs. Tokens in one
// name only are left out (an unknown token weighs as a rare one anyway).
//
//     node --import tsx bench/screen-quality/build-reference.ts company_tickers.json
import { readFileSync, writeFileSync } from 'node:fs';
import { normaliseName } from '../../src/screen/normalise.js';

const file = process.argv[2];
if (!file) throw new Error('usage: build-reference.ts company_tickers.json');
const rows = Object.values(JSON.parse(readFileSync(file, 'utf8')) as Record<string, { title: string }>);
const names = [...new Set(rows.map((r) => r.title.trim()))].sort();
const counts = new Map<string, number>();
for (const n of names) for (const t of new Set(normaliseName(n).tokens)) counts.set(t, (counts.get(t) ?? 0) + 1);
const kept = Object.fromEntries([...counts].filter(([, c]) => c >= 2).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
const out = {
  source: 'https://www.sec.gov/files/company_tickers.json (SEC EDGAR company tickers; copy read: github.com/lwowlwowl/company_name_to_ticker, file company_tickers.json, blob f855bbb6)',
  names: names.length,
  counts: kept,
};
writeFileSync('src/screen/data/reference-token-counts.json', JSON.stringify(out, null, 0) + '\n');
console.log(`${names.length} names, ${Object.keys(kept).length} tokens kept`);
