import { seedDemoActivity } from './demoActivity';
import { createPrng } from './prng';
import type { SimStore } from './state';
import { Status, type AgentBehaviour } from './types';

/** 'demo' (a few spaces, ~30 realistic agents with history), 'empty', or a generated size. */
export type SeedSpec = 'demo' | 'empty' | { spaces: number; agents: number };

type DemoAgent = [name: string, description: string, params: Record<string, string>, behaviour?: AgentBehaviour, exclusive?: boolean];

const DEMO_SPACES: Array<[string, string]> = [
  ['Retail Pricing', 'Competitor prices and stock levels for the e-commerce team'],
  ['Real Estate', 'Listings and rent indexes for the analytics desk'],
  ['Travel & Hospitality', 'Fares, hotel rates and reviews'],
  ['Jobs & Talent', 'Job boards and salary benchmarks'],
  ['Finance Research', 'Filings, rates and market news'],
];

const DEMO_AGENTS: DemoAgent[][] = [
  [
    ['Amazon Best Sellers – Electronics', 'Top 100 best sellers per electronics category, with price and rating', { url: 'https://www.amazon.com/Best-Sellers-Electronics/zgbs/electronics', maxPages: '10' }],
    ['Walmart Price Tracker', 'Daily prices for a list of tracked SKUs', { url: 'https://www.walmart.com/search?q=coffee+maker', maxPages: '5', zip: '78701' }, 'completed'],
    ['Target Weekly Deals', 'Weekly ad items and discounts', { url: 'https://www.target.com/c/top-deals/-/N-4xw74', maxPages: '3' }],
    ['Best Buy Open-Box Monitor', 'Open-box laptop offers in a region', { url: 'https://www.bestbuy.com/site/misc/open-box/pcmcat748300666044.c', storeId: '1118' }, 'failure'],
    ['eBay Sold Listings – Cameras', 'Sold prices of used mirrorless cameras', { url: 'https://www.ebay.com/sch/i.html?_nkw=mirrorless+camera&LH_Sold=1', maxPages: '20' }],
    ['Home Depot Inventory Check', 'Store availability for tools and hardware', { url: 'https://www.homedepot.com/b/Tools/N-5yc1vZc1xy', zip: '30301' }, 'success', true],
    ['Etsy Handmade Trends', 'New and trending handmade jewellery listings', { url: 'https://www.etsy.com/c/jewelry', maxPages: '8' }, 'completed'],
  ],
  [
    ['Zillow Listings – Austin', 'For-sale listings with price history', { url: 'https://www.zillow.com/austin-tx/', maxPages: '25' }],
    ['Redfin Sold Homes', 'Recently sold homes per ZIP', { url: 'https://www.redfin.com/zipcode/94110/recently-sold', zip: '94110' }, 'completed'],
    ['Apartments.com Rent Index', 'Median asking rent per bedroom count', { url: 'https://www.apartments.com/denver-co/', maxPages: '15' }],
    ['Realtor.com Open Houses', 'Open houses this weekend', { url: 'https://www.realtor.com/realestateandhomes-search/Seattle_WA/show-open-house', maxPages: '5' }, 'success', true],
    ['LoopNet Commercial Leases', 'Office space for lease', { url: 'https://www.loopnet.com/search/office-space/chicago-il/for-lease/', maxPages: '10' }, 'failure'],
    ['Rightmove UK Lettings', 'London lettings under a rent cap', { url: 'https://www.rightmove.co.uk/property-to-rent/London.html', maxRent: '2500' }],
  ],
  [
    ['Booking.com Hotel Rates – Lisbon', 'Nightly rates for the next 30 days', { url: 'https://www.booking.com/city/pt/lisbon.html', checkIn: '2026-07-01', nights: '3' }],
    ['Expedia Flight Fares JFK-LHR', 'Lowest fares per departure date', { url: 'https://www.expedia.com/Flights-Search?trip=oneway&leg1=from:JFK,to:LHR', days: '60' }, 'completed'],
    ['TripAdvisor Restaurant Reviews', 'Reviews and ratings for restaurants in a city', { url: 'https://www.tripadvisor.com/Restaurants-g187147-Paris.html', maxPages: '12' }],
    ['Airbnb Occupancy Sampler', 'Calendar availability for sample listings', { url: 'https://www.airbnb.com/s/Barcelona/homes', maxPages: '6' }, 'endless'],
    ['Kayak Car Rental Prices', 'Daily car rental prices at airports', { url: 'https://www.kayak.com/cars/LAX', days: '14' }],
    ['Hotels.com Review Scores', 'Guest review scores per hotel', { url: 'https://www.hotels.com/de1636926/hotels-tokyo-japan/', maxPages: '4' }, 'failure'],
  ],
  [
    ['Indeed Data Engineer Jobs', 'New data engineering postings with salary ranges', { url: 'https://www.indeed.com/jobs?q=data+engineer&l=Remote', maxPages: '10' }],
    ['LinkedIn Company Headcount', 'Employee counts for a list of companies', { url: 'https://www.linkedin.com/company/sequentum/', companies: 'sequentum,acme' }, 'success', true],
    ['Glassdoor Salary Benchmarks', 'Salaries per title and city', { url: 'https://www.glassdoor.com/Salaries/index.htm', title: 'Product Manager' }, 'completed'],
    ['USAJobs Federal Postings', 'Open federal IT positions', { url: 'https://www.usajobs.gov/Search/Results?k=IT', maxPages: '8' }],
    ['Stack Overflow Jobs Archive', 'Archived tech job ads (retired board)', { url: 'https://stackoverflow.com/jobs', maxPages: '2' }, 'failure'],
  ],
  [
    ['SEC EDGAR 10-K Filings', 'Latest annual reports with filing dates', { url: 'https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&type=10-K', maxPages: '5' }, 'success', true],
    ['Treasury Yield Curve', 'Daily par yield curve rates', { url: 'https://home.treasury.gov/resource-center/data-chart-center/interest-rates', year: '2026' }, 'completed'],
    ['Yahoo Finance Earnings Calendar', 'Upcoming earnings dates and estimates', { url: 'https://finance.yahoo.com/calendar/earnings', days: '7' }],
    ['Reuters Market Headlines', 'Market news headlines and timestamps', { url: 'https://www.reuters.com/markets/', maxPages: '3' }],
  ],
];

const PERSONAL_AGENTS: DemoAgent[] = [
  ['My Price Watch – Espresso Machines', 'Personal price alert test', { url: 'https://www.example-shop.com/espresso', maxPages: '2' }],
  ['Scratch: Hacker News Front Page', 'Quick test agent', { url: 'https://news.ycombinator.com/', maxPages: '1' }, 'completed'],
  ['Docs Link Checker', 'Checks documentation links (no inputs)', {}],
];

function seedDemo(store: SimStore): void {
  const now = store.clock.now();
  const rnd = createPrng(4711);
  DEMO_SPACES.forEach(([name, description], i) => store.addSpace({ id: i + 1, name, description, isDefaultAccess: i === 0 }));
  const all: Array<[DemoAgent, number | null]> = [
    ...DEMO_AGENTS.flatMap((list, i) => list.map((a): [DemoAgent, number | null] => [a, i + 1])),
    ...PERSONAL_AGENTS.map((a): [DemoAgent, number | null] => [a, null]),
  ];
  all.forEach(([[name, description, params, behaviour = 'success', exclusive = false], spaceId], i) => {
    const agent = store.addAgent({
      id: 1001 + i, name, description, spaceId, inputParameters: params, behaviour, isExclusive: exclusive,
      startUrl: params.url, version: 1 + (i % 7), durationSec: 60 + rnd.int(0, 120),
      documentation: `## ${name}\n\n${description}.`, updated: new Date(now - rnd.int(1, 60) * 86400_000).toISOString(),
    });
    if (i % 4 === 3) return; // some agents never ran
    const count = 1 + (i % 4);
    for (let k = count; k >= 1; k--) {
      const createdAt = now - k * 86400_000 - rnd.int(0, 3600_000);
      let status: number = behaviour === 'completed' ? Status.Completed : Status.Success;
      if (behaviour === 'failure' && k === 1) status = Status.Failure;
      else if (behaviour === 'failure' && k === 2) status = Status.Failed;
      else if (i % 5 === 2 && k === 1) status = Status.Stopped;
      store.addHistoricRun(agent, { status, createdAt, simSeconds: agent.durationSec });
    }
  });
}

const WORDS_A = ['Retail', 'Travel', 'Auto', 'Energy', 'Health', 'Media', 'Logistics', 'Insurance', 'Gaming', 'Food'];
const WORDS_B = ['Prices', 'Listings', 'Reviews', 'Inventory', 'Jobs', 'News', 'Ratings', 'Schedules', 'Filings', 'Offers'];
const SITES = ['example-shop.com', 'market.example.org', 'listings.example.net', 'catalog.example.io', 'deals.example.co'];

/** Deterministic bulk data (e.g. 50 spaces × 10,000 agents) for scale tests and the bench. */
function seedGenerated(store: SimStore, spaces: number, agents: number, seed: number): void {
  const rnd = createPrng(seed);
  const now = store.clock.now();
  for (let s = 1; s <= spaces; s++) store.addSpace({ id: s, name: `${WORDS_A[s % WORDS_A.length] ?? ''} Team ${s}`, description: `Generated space ${s}` });
  const behaviours: AgentBehaviour[] = ['success', 'success', 'completed', 'failure'];
  for (let i = 0; i < agents; i++) {
    const site = rnd.pick(SITES);
    const name = `${rnd.pick(WORDS_A)} ${rnd.pick(WORDS_B)} ${String(i + 1).padStart(5, '0')}`;
    const behaviour = rnd.pick(behaviours);
    const agent = store.addAgent({
      id: 1001 + i, name, description: `Collects ${name.toLowerCase()} from ${site}`,
      spaceId: spaces > 0 && i % 20 !== 19 ? 1 + (i % spaces) : null,
      inputParameters: { url: `https://${site}/c/${i + 1}`, maxPages: String(rnd.int(1, 50)) },
      behaviour, durationSec: rnd.int(30, 300), isExclusive: i % 10 === 0,
    });
    if (i % 10 === 0) {
      store.addHistoricRun(agent, { status: behaviour === 'failure' ? Status.Failure : behaviour === 'completed' ? Status.Completed : Status.Success, createdAt: now - rnd.int(1, 30) * 86400_000 });
    }
  }
}

export function applySeed(store: SimStore, spec: SeedSpec, seed = 4711): void {
  store.clear();
  if (spec === 'demo') {
    seedDemo(store);
    seedDemoActivity(store);
  }
  else if (spec !== 'empty') seedGenerated(store, spec.spaces, spec.agents, seed);
}
