import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Editor } from '../../src/domain/index.js';
import { FaultlineError } from '../../src/errors/errors.js';
import { editRules } from '../../src/lexicon/edit-rules.js';
import { chooseClaim, editEventFields } from '../../src/pipeline/review-events.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';
import { makeStoredEvent } from '../store/event-fixtures.js';
import { makeDocument, makeExtraction, makeMention } from '../store/fixtures.js';

const rules = editRules(projectKnowledge().gazetteer, projectKnowledge().actors);
const EDITOR: Editor = { userId: null, name: 'api-token' };
const ID = 'ev-edit';

let store: Store;

beforeEach(async () => {
  store = await openSqliteStore({ path: ':memory:' });
  const doc = makeDocument(1);
  await store.saveDocuments([doc]);
  await store.saveExtraction({ ...makeExtraction(doc.id), aggregates: [] });
  const event = makeStoredEvent(ID, [makeMention(doc.id, 0)], [doc]);
  await store.replaceResolution({ mentionIds: event.mentionIds, events: [event], operations: [] });
});

afterEach(async () => {
  await store.close();
});

async function refusal(fields: Record<string, unknown>): Promise<FaultlineError> {
  const error = await editEventFields(store, rules, {
    eventId: ID,
    version: 1,
    editor: EDITOR,
    reason: null,
    fields,
  }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FaultlineError);
  return error as FaultlineError;
}

describe('an edit that would make the event invalid', () => {
  it.each([
    [{ date: { end: '2025-05-01' } }, 'field date.end', 'is before the start'],
    [{ location: { admin2: 'Atlantis' } }, 'field location.admin2', 'not a district the gazetteer knows'],
    [{ fatalities: { low: -1, best: 2, high: 7 } }, 'field fatalities.low', 'is negative'],
    [{ injured: { best: 9 } }, 'field injured.best', 'must rise in that order'],
    [{ event_type: 'Skirmishes' }, 'field event_type', 'not an ACLED event type'],
    [{ event_type: 'Riots' }, 'field sub_event_type', 'not a sub-event type of Riots'],
    [{ weapon: 'laser' }, 'field weapon', 'must be one of'],
    [{ colour: 'red' }, 'field colour', 'not a field a person may set'],
    [{ actor1: 'Baloch Liberation Amry' }, 'field actor1', 'did you mean Baloch Liberation Army'],
    // a framing word is no actor's name, even where the extractor reads it as a framed alias
    [{ actor2: 'miscreants' }, 'field actor2', 'not an actor the actor table knows'],
  ])('refuses %j naming the field, and stores nothing', async (fields, subject, reason) => {
    const error = await refusal(fields);
    expect(error.code).toBe('FL_ERR_INVALID_EDIT');
    expect(error.status).toBe(422);
    expect(error.subject).toBe(subject);
    expect(error.message).toContain(reason);
    expect(await store.listEventEdits(ID)).toEqual([]);
    expect((await store.getEventReview(ID))?.version).toBe(1);
  });

  it('takes a valid edit laid over the current value: a known district, a corrected figure', async () => {
    const review = await editEventFields(store, rules, {
      eventId: ID,
      version: 1,
      editor: EDITOR,
      reason: 'the district office says so',
      fields: { location: { admin2: 'Panjgur', name: 'Panjgur' }, fatalities: { best: 5 } },
    });
    expect(review.version).toBe(2);
    const record = (await store.getEvent(ID))!.record;
    expect(record.location).toMatchObject({ name: 'Panjgur', admin2: 'Panjgur', admin1: 'Balochistan' });
    expect(record.fatalities).toEqual({ low: 2, best: 5, high: 7 });
  });

  it('reads an actor typed by name, alias or acronym against the actor table; an empty name clears it', async () => {
    await editEventFields(store, rules, {
      eventId: ID,
      version: 1,
      editor: EDITOR,
      reason: null,
      fields: { actor1: 'BLF', actor2: '' },
    });
    const record = (await store.getEvent(ID))!.record;
    expect(record.actor1).toEqual({ name: 'Baloch Liberation Front', type: 'rebel_group', claimed: false });
    expect(record.actor2).toBeNull();
  });

  it('sets the best figure from the claim a person chooses, on the record as such', async () => {
    const record = (await store.getEvent(ID))!.record;
    const index = record.claims.findIndex((c) => c.claimant_kind === 'armed_group');
    await chooseClaim(store, rules, { eventId: ID, version: 1, claim: index, editor: EDITOR, reason: null });
    expect((await store.getEvent(ID))!.record.fatalities).toEqual({ low: 2, best: 7, high: 7 });
    const [edit] = await store.listEventEdits(ID);
    expect(edit).toMatchObject({ action: 'choose_claim', field: 'fatalities' });
    expect(edit?.reason).toContain('a spokesman for the insurgents');
  });
});
