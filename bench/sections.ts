import { bigDownloadSection } from './sections/bigDownload';
import { bigTableSection } from './sections/bigTable';
import { downloadAllSection } from './sections/downloadAll';
import { budgetEfficiencySection } from './sections/budgetEfficiency';
import { prioritySection } from './sections/priority';
import { heldRequestsSection } from './sections/heldRequests';
import { neighbourSection } from './sections/neighbour';
import { runHealthSection } from './sections/runHealth';
import { watchingSection } from './sections/watching';
import { faultsSection } from './proof/faults';
import { hostileBodiesSection } from './proof/hostileBodies';
import { hostileCpuSection } from './proof/hostileCpu';
import { performanceSection } from './proof/performance';
import { soakSection } from './proof/soak';
import { sharedBudgetSection } from './proof/sharedBudget';
import type { BenchSection } from './types';

/** Every section `npm run bench` runs, in order. Add new sections here. */
export const SECTIONS: BenchSection[] = [
  budgetEfficiencySection,
  prioritySection,
  heldRequestsSection,
  neighbourSection,
  // Proof sections (issue 6): bench/proof/*.
  sharedBudgetSection,
  hostileBodiesSection,
  hostileCpuSection,
  faultsSection,
  performanceSection,
  soakSection,
  bigDownloadSection,
  // Issue 13: false alarms and detection of run health on simulated histories.
  runHealthSection,
  // Issue 12: the table view with a 100,000-row CSV.
  bigTableSection,
  // Issue 12: Download All of a run's files (a few at a time) against one at a time.
  downloadAllSection,
  // Issue 11: watching runs started elsewhere (requests per window, how late a failure is noticed).
  watchingSection,
];
