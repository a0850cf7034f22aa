import { createToken, createUser } from '../auth/accounts.js';
import { ROLES, type Role } from '../domain/index.js';
import { FaultlineError } from '../errors/errors.js';
import { openStore } from '../store/open-store.js';
import { STORE_OPTIONS, oneOf, parseCommand, type CliIo } from './cli-io.js';
import { configFromFlags } from './config-from-flags.js';

export const USERS_HELP = `faultline users add NAME --role viewer|editor|admin [--token] [--db FILE | --database-url URL]
faultline users list [--format table|jsonl]
faultline users remove NAME
  Adds a user and prints, once, a new password on stdout (with --token: an API token instead, and no
  password). viewer reads and exports, editor also writes, admin also manages users. remove disables the user:
  its tokens are revoked and its sessions end, and its name stays taken so that the record of its edits still
  names it.`;

export const TOKENS_HELP = `faultline tokens add USER [--name LABEL] | tokens list [--format table|jsonl] | tokens revoke ID
  Adds an API token for a user and prints it once on stdout (send it as Authorization: Bearer TOKEN); lists
  tokens (id, user, label, created, last used, revoked; never the secret); revokes one by its id.`;

/** `faultline users add|list|remove`. */
export async function usersCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(argv, {
    ...STORE_OPTIONS,
    role: { type: 'string' },
    token: { type: 'boolean' },
    format: { type: 'string' },
  });
  const [action, ...rest] = positionals;
  if (action !== 'add' && action !== 'list' && action !== 'remove')
    throw new FaultlineError(
      'FL_ERR_BAD_ARGUMENT',
      `users ${action ?? ''}`.trim(),
      'expected "add NAME --role ROLE", "list" or "remove NAME"',
    );
  if (action !== 'list' && rest.length !== 1)
    throw new FaultlineError('FL_ERR_BAD_ARGUMENT', `users ${action}`, 'name exactly one user');
  if (action === 'add' && values.role === undefined)
    throw new FaultlineError('FL_ERR_BAD_ARGUMENT', 'users add', `--role is required (${ROLES.join(', ')})`);
  const role: Role = oneOf('--role', values.role, ROLES, 'viewer');
  const format = oneOf('--format', values.format, ['table', 'jsonl'] as const, 'table');
  const store = await openStore(configFromFlags(values, io));
  try {
    const name = rest[0] ?? '';
    if (action === 'add') {
      const made = await createUser(store, { name, role, withToken: values.token === true });
      io.err(
        made.token !== null
          ? `added ${name} (${role}) with an API token, shown once on stdout: send it as Authorization: Bearer TOKEN`
          : `added ${name} (${role}); the password, shown once on stdout, signs in on the web page or POST /api/session`,
      );
      io.out(`${made.token ?? made.password}\n`);
      return 0;
    }
    if (action === 'remove') {
      if (!(await store.disableUser(name)))
        throw new FaultlineError('FL_ERR_NOT_FOUND', `user ${name}`, 'no enabled user has this name');
      io.err(`disabled ${name}: its tokens are revoked and its sessions ended`);
      return 0;
    }
    const users = await store.listUsers();
    if (format === 'jsonl') {
      for (const u of users) io.out(`${JSON.stringify(u)}\n`);
      return 0;
    }
    io.out(`${'user'.padEnd(24)}${'role'.padEnd(8)}${'created'.padEnd(26)}status\n`);
    for (const u of users)
      io.out(
        `${u.name.padEnd(24)}${u.role.padEnd(8)}${u.createdAt.padEnd(26)}${u.disabledAt ? `disabled ${u.disabledAt}` : 'enabled'}\n`,
      );
    return 0;
  } finally {
    await store.close();
  }
}

/** `faultline tokens add|list|revoke`. */
export async function tokensCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(argv, {
    ...STORE_OPTIONS,
    name: { type: 'string' },
    format: { type: 'string' },
  });
  const [action, ...rest] = positionals;
  if (action !== 'add' && action !== 'list' && action !== 'revoke')
    throw new FaultlineError(
      'FL_ERR_BAD_ARGUMENT',
      `tokens ${action ?? ''}`.trim(),
      'expected "add USER", "list" or "revoke ID"',
    );
  if (action !== 'list' && rest.length !== 1)
    throw new FaultlineError(
      'FL_ERR_BAD_ARGUMENT',
      `tokens ${action}`,
      action === 'add' ? 'name exactly one user' : 'name exactly one token id',
    );
  const format = oneOf('--format', values.format, ['table', 'jsonl'] as const, 'table');
  const store = await openStore(configFromFlags(values, io));
  try {
    if (action === 'add') {
      const owner = await store.userCredentials(rest[0]!);
      if (owner === null)
        throw new FaultlineError('FL_ERR_NOT_FOUND', `user ${rest[0]!}`, 'no enabled user has this name');
      const { token, record } = await createToken(store, owner.user, values.name ?? 'added with tokens add');
      io.err(`added token ${record.id} for ${owner.user.name} (${owner.user.role}), shown once on stdout`);
      io.out(`${token}\n`);
      return 0;
    }
    if (action === 'revoke') {
      if (!(await store.revokeApiToken(rest[0]!)))
        throw new FaultlineError('FL_ERR_NOT_FOUND', `token ${rest[0]!}`, 'no unrevoked token has this id');
      io.err(`revoked token ${rest[0]!}`);
      return 0;
    }
    const tokens = await store.listApiTokens();
    if (format === 'jsonl') {
      for (const t of tokens) io.out(`${JSON.stringify(t)}\n`);
      return 0;
    }
    io.out(`${'id'.padEnd(14)}${'user'.padEnd(20)}${'label'.padEnd(24)}${'last used'.padEnd(26)}status\n`);
    for (const t of tokens)
      io.out(
        `${t.id.padEnd(14)}${t.userName.slice(0, 19).padEnd(20)}${t.name.slice(0, 23).padEnd(24)}${(t.lastUsedAt ?? 'never').padEnd(26)}${t.revokedAt ? `revoked ${t.revokedAt}` : 'active'}\n`,
      );
    return 0;
  } finally {
    await store.close();
  }
}
