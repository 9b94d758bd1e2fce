/**
 * Rewrites the golden Java sources (test/golden/javasource) from the bundled spec:
 *
 *   npm run golden:update
 *
 * Run it after an intended change to the Java templates or generator, then review `git diff`.
 */
import { GOLDEN_ROOT, updateJavaGolden } from '../java/java-golden.js';

const written = updateJavaGolden();
for (const path of written) console.log(`wrote test/golden/${path}`);
console.log(`${written.length} golden Java files under ${GOLDEN_ROOT}`);
