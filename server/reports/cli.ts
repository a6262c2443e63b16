/** npm run report -- --agency MIIT | --company Tesla [--format md|html|json] [--out FILE] */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../config.js';
import { connectOrExit } from '../db/connect.js';
import { Executor } from '../graph/executor.js';
import { UnknownEntityError } from './resolve.js';
import { generateReport, reportFormat } from './service.js';

const USAGE = 'usage: npm run report -- (--agency NAME | --company NAME) [--format md|html|json] [--out FILE]';
let values;
try {
  ({ values } = parseArgs({ options: { agency: { type: 'string' }, company: { type: 'string' }, format: { type: 'string', default: 'md' }, out: { type: 'string' } } }));
} catch (err) {
  console.error(`${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
const format = reportFormat.safeParse(values.format);
if (!format.success || !!values.agency === !!values.company) {
  console.error(!format.success ? `--format must be md, html or json (got "${values.format}")\n${USAGE}` : USAGE);
  process.exit(2);
}

const db = await connectOrExit(loadConfigOrExit());
try {
  const kind = values.agency ? 'agency' : 'company';
  const out = await generateReport(new Executor(db.driver, db.database), kind, (values.agency ?? values.company)!, format.data);
  if (values.out) {
    fs.writeFileSync(values.out, out.body);
    console.error(`Wrote the ${kind} report on ${out.id} to ${values.out}.`);
  } else process.stdout.write(out.body);
} catch (err) {
  console.error(err instanceof UnknownEntityError ? err.message : `Report failed: ${(err as Error).message}`);
  process.exitCode = err instanceof UnknownEntityError ? 2 : 1;
} finally {
  await db.close();
}
