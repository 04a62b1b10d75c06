// In-place array helpers for the matcher's per-text lists: no new array for each text.

/** Filters an array in place. */
export function keepWhere<T>(items: T[], keep: (item: T) => boolean): void {
  let kept = 0;
  for (let i = 0; i < items.length; i++) if (keep(items[i])) items[kept++] = items[i];
  items.length = kept;
}

/**
 * Sorts a short array in place, stably (insertion sort): the matcher sorts a handful of mentions per text,
 * and the engine's sort allocates a work copy on every call.
 */
export function sortSmall<T>(items: T[], compare: (a: T, b: T) => number): void {
  for (let i = 1; i < items.length; i++) {
    const item = items[i];
    let j = i - 1;
    while (j >= 0 && compare(items[j], item) > 0) {
      items[j + 1] = items[j];
      j--;
    }
    items[j + 1] = item;
  }
}
