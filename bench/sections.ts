import { budgetEfficiencySection } from './sections/budgetEfficiency';
import { prioritySection } from './sections/priority';
import type { BenchSection } from './types';

/** Every section `npm run bench` runs, in order. Add new sections here. */
export const SECTIONS: BenchSection[] = [budgetEfficiencySection, prioritySection];
