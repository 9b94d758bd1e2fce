import { generateBenchmark, printGenerateBenchmark } from './generate-bench.js';

/** `npm run bench`: every benchmark of the project, figures printed side by side. */
printGenerateBenchmark(generateBenchmark());
