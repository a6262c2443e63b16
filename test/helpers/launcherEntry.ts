/** Prints launcherEntry for the source named on the command line: one tool starting Neo4j (test/int/launcher.int.test.ts). */
import { launcherEntry } from '../../server/db/local.js';

console.log(JSON.stringify(launcherEntry(process.argv[2])));
