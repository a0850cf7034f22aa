import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-extract-'));
  writeFileSync(
    join(dir, 'roundup.txt'),
    'On 2 March 2025, militants of the Baloch Liberation Army ambushed a Frontier Corps convoy near Tump, killing three soldiers.\n' +
      'The BLA claimed responsibility in a statement, while officials said two soldiers had been killed.\n',
  );
  writeFileSync(
    join(dir, 'items.jsonl'),
    `${JSON.stringify({ id: 'item-1', text: 'On 9 March 2025, a grenade thrown at a shop in Chaman injured four people.', published: '2025-03-10' })}\n`,
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('faultline extract', () => {
  it('prints one event record per incident, carrying the input name, in the design shape', async () => {
    const run = await cli([
      'extract',
      join(dir, 'roundup.txt'),
      join(dir, 'items.jsonl'),
      '--published',
      '2025-03-03',
    ]);
    expect(run.code).toBe(0);
    const records = run.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((r) => r['input'])).toEqual(['roundup.txt', 'item-1']);
    const first = records[0] as {
      actor1: { name: string; claimed: boolean };
      fatalities: { low: number; best: number; high: number };
      claims: unknown[];
      location: { name: string; admin2: string };
      date: { start: string };
    };
    expect(Object.keys(records[0]!).sort()).toEqual(
      [
        'input',
        'id',
        'operation_id',
        'doc_ids',
        'date',
        'location',
        'event_type',
        'sub_event_type',
        'weapon',
        'target',
        'actor1',
        'actor2',
        'fatalities',
        'injured',
        'casualties',
        'claims',
        'sources',
        'evidence',
        'notes',
        'confidence',
        'background',
      ].sort(),
    );
    expect(first.location).toMatchObject({ name: 'Tump', admin2: 'Kech' });
    expect(first.date.start).toBe('2025-03-02');
    expect(first.actor1).toMatchObject({ name: 'Baloch Liberation Army', claimed: true });
    expect(first.fatalities).toEqual({ low: 2, best: 3, high: 3 });
    expect(first.claims).toHaveLength(2);
  });

  it('prints a table for people and explains each field with its rule', async () => {
    const table = await cli([
      'extract',
      join(dir, 'roundup.txt'),
      '--published',
      '2025-03-03',
      '--format',
      'table',
    ]);
    expect(table.out.split('\n')[0]).toMatch(/^input\s+date/);
    expect(table.out).toContain('Tump');
    const explain = await cli(['explain', join(dir, 'roundup.txt'), '--published', '2025-03-03']);
    expect(explain.code).toBe(0);
    expect(explain.out).toMatch(/date\s+2025-03-02 \(day\)/);
    expect(explain.out).toMatch(/rule date\.abs\.dmy from "2 March 2025"/);
    expect(explain.out).toMatch(/claim \(event\) [^\n]*\[state_official\] \w+ 2 security_forces killed/);
  });

  it('names a document detected as another language on one line instead of printing nothing', async () => {
    const french = join(dir, 'turbat-fr.txt');
    writeFileSync(
      french,
      'Des hommes armés ont attaqué jeudi soir un poste de police dans la ville de Turbat, tuant trois ' +
        "agents, selon un responsable local qui a requis l'anonymat. Les assaillants ont pris la fuite à moto " +
        "avant l'arrivée des renforts, et une opération de recherche a été lancée dans les villages voisins.",
    );
    const run = await cli(['extract', french]);
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err).toBe(`${french}: not extracted: its language was detected as 'fra', not English\n`);
  });

  it('rejects an unknown format with one line', async () => {
    const run = await cli(['extract', join(dir, 'roundup.txt'), '--format', 'xml']);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/--format xml/);
  });
});
