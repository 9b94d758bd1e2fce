/**
 * 3600 -> "3,600": how counts and byte sizes read in the spec's messages, the documentation and the
 * command line, the same on every machine whatever its locale. One function, so the runtime's error
 * messages, the reference and the CLI never disagree.
 */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
