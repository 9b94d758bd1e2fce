/**
 * Rewrites the golden technical reference (test/golden/docs) from the bundled spec:
 *
 *   npm run golden:update
 *
 * Run it after an intended change to the spec or to generator/docs, then review `git diff`.
 */
import { GOLDEN_DOCS, updateDocsGolden } from '../docs/docs-golden.js';

const written = updateDocsGolden();
for (const name of written) console.log(`wrote test/golden/docs/${name}`);
console.log(`${written.length} golden documentation files under ${GOLDEN_DOCS}`);
