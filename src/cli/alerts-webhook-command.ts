import { createHash, randomBytes } from 'node:crypto';
import type { Webhook } from '../domain/index.js';
import { FaultlineError } from '../errors/errors.js';
import type { Store } from '../store/store.js';
import type { CliIo } from './cli-io.js';
import { deliverPending } from './report-alerts.js';

/** A secret shorter than this is too easy to guess for an HMAC key. */
const MIN_SECRET_LENGTH = 16;
/** Where the payload's links point unless `--site` says: the address `serve` listens on by default. */
export const DEFAULT_SITE = 'http://127.0.0.1:8080';

/** An http(s) URL, or one line naming the flag and why not. */
export function httpUrl(flag: string, raw: string | undefined, what: string): string {
  if (raw === undefined) throw new FaultlineError('FL_ERR_BAD_ARGUMENT', flag, `name the ${what}'s URL`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FaultlineError('FL_ERR_BAD_ARGUMENT', `${flag} ${raw}`, 'is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new FaultlineError('FL_ERR_INPUT_SCHEME', `${flag} ${raw}`, `a ${what} must be http or https`);
  return url.href;
}

function webhookId(url: string): string {
  return `wh_${createHash('sha256').update(url).digest('hex').slice(0, 12)}`;
}

export interface WebhookFlags {
  readonly secret?: string | undefined;
  readonly site?: string | undefined;
  readonly allowPrivate: boolean;
}

/** `alerts webhook add|list|remove` and `alerts deliver`. */
export async function webhookAction(
  store: Store,
  io: CliIo,
  action: string | undefined,
  args: readonly string[],
  flags: WebhookFlags,
  format: 'table' | 'jsonl',
): Promise<number> {
  if (action === 'add') {
    const url = httpUrl('alerts webhook add', args[0], 'webhook');
    if (flags.secret !== undefined && flags.secret.length < MIN_SECRET_LENGTH)
      throw new FaultlineError(
        'FL_ERR_BAD_ARGUMENT',
        '--secret',
        `shorter than ${MIN_SECRET_LENGTH} characters`,
      );
    const secret = flags.secret ?? randomBytes(32).toString('hex');
    const hook: Webhook = {
      id: webhookId(url),
      url,
      secret,
      site: httpUrl('--site', flags.site ?? DEFAULT_SITE, 'site').replace(/\/+$/, ''),
      allowPrivate: flags.allowPrivate,
      createdAt: new Date().toISOString(),
    };
    if ((await store.addWebhook(hook)) === 'present') {
      io.err(`already held: ${hook.id} ${url} (its secret is unchanged)`);
      return 0;
    }
    io.err(
      `added ${hook.id} ${url}: every new firing is POSTed to it, signed in the Faultline-Signature header`,
    );
    // printed once, on stdout, so that it can be captured; `webhook list` never shows it
    if (flags.secret === undefined) io.out(`${secret}\n`);
    return 0;
  }
  if (action === 'list') {
    for (const h of await store.listWebhooks()) {
      const shown = {
        id: h.id,
        url: h.url,
        site: h.site,
        allowPrivate: h.allowPrivate,
        createdAt: h.createdAt,
      };
      io.out(
        format === 'jsonl'
          ? `${JSON.stringify(shown)}\n`
          : `${h.id}  ${h.url}  links to ${h.site}${h.allowPrivate ? '  (private addresses allowed)' : ''}\n`,
      );
    }
    return 0;
  }
  if (action === 'remove') {
    const which = args[0];
    if (which === undefined)
      throw new FaultlineError('FL_ERR_BAD_ARGUMENT', 'alerts webhook remove', 'name a webhook id or URL');
    if (!(await store.removeWebhook(which))) throw new FaultlineError('FL_ERR_NOT_FOUND', `webhook ${which}`);
    io.err(`removed ${which} and its deliveries`);
    return 0;
  }
  throw new FaultlineError(
    'FL_ERR_BAD_ARGUMENT',
    `alerts webhook ${action ?? ''}`.trim(),
    'expected add URL, list or remove ID',
  );
}

/** `alerts deliver`: the due deliveries, for at most `waitMs`. */
export async function deliverAction(store: Store, io: CliIo, waitMs: number): Promise<number> {
  const round = await deliverPending(store, io.err, waitMs);
  if (round === null) return 1;
  if (round.attempted === 0) io.err('webhooks: nothing due');
  return round.failed > 0 ? 1 : 0;
}
