/** The table view's custom editor id (package.json contributes.customEditors). */
export const TABLE_VIEW_TYPE = 'sequentum.table';

/**
 * Which output files open in the table view: CSV always; JSON when it is an array of objects
 * (looksLikeJsonArrayOfObjects, checked once downloaded); anything else as text.
 */
export function tableKindOf(name: string): 'csv' | 'json' | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.json')) return 'json';
  return undefined;
}
