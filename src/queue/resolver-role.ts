import pg from 'pg';

/**
 * The resolver's role among a queue's workers: one worker at a time takes an overdue resolution ahead of other
 * work; the others leave resolution until nothing else is queued (FETCH_ORDER). A worker that went from
 * extraction to resolution and back every few seconds spent a fifth to a third more CPU on the same extractions
 * than one that stayed with them (the queue bench: 3.4 ms of extraction a document in a worker that resolved
 * nothing, 4.2 ms beside resolution rounds), and two workers that both did so spent that much more than one.
 *
 * PostgreSQL: a session advisory lock on a connection of its own, held for the worker's life. A worker killed or
 * cut off loses its connection, and the role with it; another worker takes it at its next check. Two workers
 * that both believe they hold it (a connection lost unnoticed) cost only time: the store's locks serialise what
 * their resolutions plan.
 */
export class ResolverRole {
  private client: pg.Client | null = null;
  private held = false;
  private closed = false;
  /** The ask under way: two at once would open two connections, and one could keep the lock unseen. */
  private asking: Promise<boolean> | null = null;

  constructor(
    private readonly databaseUrl: string,
    /** Names the lock: the workers of one queue (its schema) share one role. */
    private readonly lockName: string,
  ) {}

  /**
   * Whether this worker holds the role, taking it when no other does. False when the database cannot be reached:
   * a worker that cannot ask is not the resolver, and asks again at its next check.
   */
  holds(): Promise<boolean> {
    if (this.held) return Promise.resolve(true);
    if (this.closed) return Promise.resolve(false);
    this.asking ??= this.ask().finally(() => {
      this.asking = null;
    });
    return this.asking;
  }

  private async ask(): Promise<boolean> {
    try {
      const client = this.client ?? (await this.connect());
      if (client === null) return false;
      const { rows } = await client.query<{ taken: boolean }>(
        'select pg_try_advisory_lock(hashtextextended($1, 0)) as taken',
        [this.lockName],
      );
      // a connection lost while the query ran has already given the role back
      this.held = rows[0]?.taken === true && this.client === client;
    } catch {
      await this.drop(this.client);
    }
    return this.held;
  }

  /** Gives the role back (the connection's end releases its lock) and asks for it no more. */
  async close(): Promise<void> {
    this.closed = true;
    await this.drop(this.client);
  }

  private async connect(): Promise<pg.Client | null> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    // the server ending the session ends the role; unheard, the error event would end the process
    client.on('error', () => void this.drop(client));
    client.on('end', () => void this.drop(client));
    try {
      await client.connect();
    } catch {
      await client.end().catch(() => undefined);
      return null;
    }
    // closed while connecting: the connection is not kept
    if (this.closed) {
      await client.end().catch(() => undefined);
      return null;
    }
    this.client = client;
    return client;
  }

  private async drop(client: pg.Client | null): Promise<void> {
    if (client === null || this.client !== client) return;
    this.client = null;
    this.held = false;
    await client.end().catch(() => undefined);
  }
}
