// The spec drawn in place of a chart that has nothing to show (no collaboration papers, no technology).
import type { TopLevelSpec } from 'vega-lite';

export function emptySpec(message: string, width = 600): TopLevelSpec {
  return {
    width,
    height: 60,
    data: { values: [{ message }] },
    mark: { type: 'text', fontSize: 13, color: '#555', align: 'left', baseline: 'middle' },
    encoding: { text: { field: 'message' }, x: { value: 4 }, y: { value: 30 } },
  };
}
