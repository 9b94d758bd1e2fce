/**
 * Resolves, with Maven, the jars of every classpath the Java tests use (each spec's own
 * javaDependencies, and the same beside AWS Authentication's), before vitest starts its workers in
 * parallel: `npm test` runs it first. Without Maven it says so; the Java tests then skip with that
 * reason, or fail under CI=true.
 */
import { formatCount } from '../../generator/spec/format-count.js';
import { cachedClasspath } from '../../generator/java/maven.js';
import { CLASSPATH_KINDS, javaClasspath, javaToolsMissing, MAVEN_CACHE_DIR } from '../java/java-classpath.js';
import { SDK_NAME_PROBE_JARS } from '../java/sdk-name-probes.js';
import { loadCatalog } from '../support/spec-catalog.js';
import { INIT_CLASSPATH } from '../init/init-services.js';

const missing = javaToolsMissing();
if (missing !== undefined) {
  console.warn(`Java tests will not run: ${missing}.`);
  process.exit(process.env['CI'] === 'true' ? 1 : 0);
}
const started = Date.now();
let classpaths = 0;
const jars = new Set<string>();
try {
  for (const { spec } of loadCatalog().specs) {
    for (const kind of CLASSPATH_KINDS) {
      for (const jar of await javaClasspath(spec, kind)) jars.add(jar);
      classpaths++;
    }
  }
  for (const jar of await cachedClasspath(SDK_NAME_PROBE_JARS, MAVEN_CACHE_DIR)) jars.add(jar);
  classpaths++;
  // The specs the init test writes share one classpath.
  for (const jar of await cachedClasspath(INIT_CLASSPATH, MAVEN_CACHE_DIR)) jars.add(jar);
  classpaths++;
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
console.log(`Resolved ${classpaths} Java classpaths (${formatCount(jars.size)} jars) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
