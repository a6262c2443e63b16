/** `npm run users -- add NAME --role analyst | list | revoke NAME`: the team's accounts. */
import os from 'node:os';
import { parseCli, usageError } from '../cliArgs.js';
import { loadConfigOrExit } from '../config.js';
import { AuditLog, auditFile } from './audit.js';
import { ROLE_CAN, ROLES, roleSchema } from './roles.js';
import { UserStore, UserStoreError, usersFile } from './users.js';

const USAGE = 'usage: npm run users -- <add NAME --role viewer|analyst|admin | list | revoke NAME>';
const { values, positionals } = parseCli({
  usage: USAGE,
  allowPositionals: true,
  help: `${USAGE}

The team's accounts, kept in STATE_DIR/users.json (default .data/users.json). With no users the
app is single-user, as before (loopback only, optional API_TOKEN); with any, every API call needs
a user's token (docs/security.md).

Commands:
  add NAME --role R   Add a user and print their token, once (the file keeps only its hash).
  list                Users and their roles.
  revoke NAME         Remove a user; their token stops working at once.

Roles:
${ROLES.map((r) => `  ${r.padEnd(8)} ${ROLE_CAN[r]}`).join('\n')}

Options:
  --role R      The new user's role (add).
  -h, --help    Show this help and exit.

Exit codes:
  0  done
  2  usage error, or the users file is damaged (named)
  4  no such user (revoke), or the name is taken (add)`,
  options: { role: { type: 'string' } },
});

// The settings are checked (and .env read, STATE_DIR among them) before anything is written.
loadConfigOrExit();
const users = new UserStore(usersFile());
const audit = new AuditLog(auditFile());
const who = os.userInfo().username;
const [command, name, ...extra] = positionals;
if (extra.length) usageError(`Unexpected "${extra.join(' ')}".`, USAGE);

try {
  if (command === 'list' && !name) {
    const list = users.list();
    if (!list.length) console.log(`No users: single-user use. Add one with: npm run users -- add NAME --role admin`);
    for (const u of list) console.log(`${u.name}\t${u.role}\tsince ${u.created.slice(0, 10)}`);
  } else if (command === 'add' && name) {
    const role = roleSchema.safeParse(values.role);
    if (!role.success) usageError(`--role must be one of ${ROLES.join(', ')}.`, USAGE);
    const { user, token } = users.add(name, role.data);
    audit.append({ who, what: 'users add', from: 'cli', detail: `added ${user.name} (${user.role})` });
    console.log(
      `Added ${user.name} (${user.role}). Their token, shown only this once:\n\n  ${token}\n\nThey sign in with it in the explorer, or send "Authorization: Bearer <token>".`,
    );
  } else if (command === 'revoke' && name) {
    const gone = users.revoke(name);
    audit.append({ who, what: 'users revoke', from: 'cli', detail: `revoked ${gone.name}` });
    console.log(`Revoked ${gone.name}.`);
  } else {
    usageError(command ? `Unknown or incomplete command "${positionals.join(' ')}".` : 'No command.', USAGE);
  }
} catch (err) {
  if (!(err instanceof UserStoreError)) throw err;
  console.error(err.message);
  process.exit(err.status === 404 || err.status === 409 ? 4 : 2);
}
