/** Filters an array in place: the matcher's per-text lists, without a new array each time. */
export function keepWhere<T>(items: T[], keep: (item: T) => boolean): void {
  let kept = 0;
  for (let i = 0; i < items.length; i++) if (keep(items[i])) items[kept++] = items[i];
  items.length = kept;
}
