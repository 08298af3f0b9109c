import { createPrng, hashSeed } from './prng';

/**
 * A big, realistic export file: `rows` product records (14 columns including a free-text
 * description with commas and quotes) as CSV or a JSON array of objects. About 500 bytes a row,
 * so 100,000 rows are about 50 MB. Deterministic: the same seed and size give the same bytes.
 */
const BRANDS = ['Acme', 'Northwind', 'Contoso', 'Fabrikam', 'Globex', 'Initech', 'Umbrella', 'Stark & Sons', 'Wayne "Premium"'];
const PRODUCTS = ['Espresso Machine', 'Trail Running Shoes', 'Noise-Cancelling Headphones', 'Standing Desk', 'Cast Iron Skillet',
  'Mechanical Keyboard', 'Wool Blanket', 'Smart Thermostat', 'Air Purifier', 'Carbon Road Bike', 'Yoga Mat', 'Chef Knife'];
const CITIES = ['Austin', 'Berlin', 'Toronto', 'Lisbon', 'Melbourne', 'Denver', 'Oslo', 'Singapore', 'São Paulo', 'Zürich'];
const WORDS = ['durable', 'lightweight', 'premium', 'compact', 'ergonomic', 'stainless', 'steel', 'design', 'with', 'and', 'for',
  'everyday', 'use', 'warranty', 'included', 'free', 'shipping', 'on', 'orders', 'over', '$50', 'rated', 'by', 'customers',
  'best-seller', 'limited', 'edition', 'colour', 'size', 'fits', 'most', 'easy', 'to', 'clean', 'dishwasher-safe', '"quiet"'];

export const RECORD_COLUMNS = ['id', 'sku', 'title', 'brand', 'price', 'currency', 'rating', 'reviews', 'inStock', 'location', 'url', 'imageUrl', 'description', 'scrapedAt'] as const;

type Row = Record<(typeof RECORD_COLUMNS)[number], string | number | boolean>;

function* recordRows(seed: string, rows: number): Generator<Row> {
  const rnd = createPrng(hashSeed(`records file ${seed}`));
  const scrapedAt = '2026-01-15T09:30:00Z';
  for (let id = 1; id <= rows; id++) {
    const words = Array.from({ length: rnd.int(30, 44) }, () => rnd.pick(WORDS));
    const item = rnd.int(100000, 999999);
    yield {
      id,
      sku: `SKU-${rnd.int(10000, 99999)}-${rnd.pick(['A', 'B', 'C', 'X'])}`,
      title: `${rnd.pick(PRODUCTS)} ${rnd.int(100, 999)}`,
      brand: rnd.pick(BRANDS),
      price: (rnd.int(500, 250000) / 100).toFixed(2),
      currency: rnd.pick(['USD', 'EUR', 'GBP']),
      rating: (rnd.int(10, 50) / 10).toFixed(1),
      reviews: rnd.int(0, 25000),
      inStock: rnd.int(0, 4) > 0,
      location: rnd.pick(CITIES),
      url: `https://shop.example.com/products/${item}?ref=listing&page=${rnd.int(1, 400)}`,
      imageUrl: `https://cdn.shop.example.com/images/${item}/main-${rnd.int(1, 9)}.jpg`,
      description: `${words.join(' ')}.`,
      scrapedAt,
    };
  }
}

function csvCell(value: string | number | boolean): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The file's bytes: `kind` csv (header + rows) or json (an array of objects, one per line). */
export function recordsFile(kind: 'csv' | 'json', seed: string, rows: number): Buffer {
  const parts: string[] = [];
  if (kind === 'csv') {
    parts.push(`${RECORD_COLUMNS.join(',')}\n`);
    for (const row of recordRows(seed, rows)) parts.push(`${RECORD_COLUMNS.map((column) => csvCell(row[column])).join(',')}\n`);
  } else {
    parts.push('[\n');
    let first = true;
    for (const row of recordRows(seed, rows)) {
      parts.push(`${first ? '' : ',\n'}${JSON.stringify(row)}`);
      first = false;
    }
    parts.push('\n]\n');
  }
  return Buffer.from(parts.join(''));
}
