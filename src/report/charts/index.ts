// All charts of the report and the dashboard, in the order they are shown.
import type { Chart, ChartInput } from './types.js';
import { trendChart } from './trend.js';
import { fieldsChart } from './fields.js';
import { institutionsChart } from './institutions.js';
import { sectorsChart } from './sectors.js';
import { techFlowChart } from './techflow.js';
import { sensitivityChart } from './sensitivity.js';
import { networkChart } from './network.js';

export type { Chart, ChartInput, DataTable, Drill, TableCell } from './types.js';
export { layoutNetwork, type NetworkLayout } from './network-layout.js';

export const CHART_BUILDERS: Array<(input: ChartInput) => Chart> = [
  trendChart,
  fieldsChart,
  institutionsChart,
  sectorsChart,
  techFlowChart,
  sensitivityChart,
  networkChart,
];

export function buildCharts(input: ChartInput): Chart[] {
  return CHART_BUILDERS.map((build) => build(input));
}
