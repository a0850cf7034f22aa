import { Type, type Static } from '@sinclair/typebox';
import { EventRecordSchema } from './event-schemas.js';
import { METADATA_FIELDS } from '../domain/document.js';
import { oneOf } from './one-of.js';

const NullableString = Type.Unsafe<string | null>({ type: ['string', 'null'] });
const Counts = Type.Record(Type.String(), Type.Number());

export const DocumentSummarySchema = Type.Object({
  id: Type.String(),
  url: NullableString,
  title: NullableString,
  publisher: NullableString,
  published: NullableString,
  publishedSource: Type.String(),
  language: Type.String(),
  origin: Type.String(),
  length: Type.Number(),
  ingestedAt: Type.String(),
});
export type DocumentSummaryWire = Static<typeof DocumentSummarySchema>;

export const DocumentListSchema = Type.Object({
  total: Type.Integer(),
  items: Type.Array(DocumentSummarySchema),
});
export type DocumentList = Static<typeof DocumentListSchema>;

export const FramingSchema = Type.Object({ insurgent: Counts, state: Counts, neutral: Counts });

export const DocumentDetailSchema = Type.Object({
  id: Type.String(),
  url: NullableString,
  title: NullableString,
  publisher: NullableString,
  published: NullableString,
  publishedSource: Type.String(),
  language: Type.String(),
  origin: Type.String(),
  text: Type.String(),
  framing: Type.Union([FramingSchema, Type.Null()]),
  mentions: Type.Integer(),
});
export type DocumentDetail = Static<typeof DocumentDetailSchema>;

/** A posted article: text or HTML (one of them), with the metadata a plain paste lacks. */
export const PostDocumentSchema = Type.Object(
  {
    text: Type.Optional(Type.String({ minLength: 1 })),
    html: Type.Optional(Type.String({ minLength: 1 })),
    url: Type.Optional(Type.String({ maxLength: 2000 })),
    title: Type.Optional(Type.String({ maxLength: 1000 })),
    publisher: Type.Optional(Type.String({ maxLength: 200 })),
    published: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  },
  { additionalProperties: false },
);
export type PostDocument = Static<typeof PostDocumentSchema>;

export const PostDocumentResultSchema = Type.Object({
  documentId: Type.String(),
  outcome: Type.Union([Type.Literal('stored'), Type.Literal('present'), Type.Literal('updated')], {
    description:
      "'stored': new; 'present': its text was stored already, with the same metadata; 'updated': its text was " +
      'stored already and the fields `changed` names took the new values (a new published date re-extracts it)',
  }),
  changed: Type.Array(oneOf(METADATA_FIELDS), {
    description: "The metadata fields an 'updated' document took anew; empty otherwise",
  }),
  events: Type.Array(EventRecordSchema),
  problems: Type.Array(Type.String()),
});
export type PostDocumentResult = Static<typeof PostDocumentResultSchema>;

/** A source document of the events matching the filters, with how many of them it supports. */
export const EventDocumentSchema = Type.Object({
  id: Type.String(),
  url: NullableString,
  title: NullableString,
  publisher: NullableString,
  published: NullableString,
  events: Type.Integer({ description: 'How many of the matching events it is a source of' }),
});
export type EventDocumentWire = Static<typeof EventDocumentSchema>;

export const EventDocumentListSchema = Type.Object({
  total: Type.Integer({ description: 'Source documents of the matching events, in all' }),
  items: Type.Array(EventDocumentSchema),
});
export type EventDocumentList = Static<typeof EventDocumentListSchema>;

export const PublisherProfileSchema = Type.Object({
  name: Type.String(),
  documents: Type.Number(),
  framing: Type.Object({
    insurgent: Type.Number(),
    state: Type.Number(),
    neutral: Type.Number(),
    terms: Counts,
  }),
  contestedEvents: Type.Number(),
  highest: Type.Number(),
  lowest: Type.Number(),
  /** Each framing term id of `framing.terms` with the words it stands for ("neu-gunmen" → "gunmen"). */
  termLabels: Type.Record(Type.String(), Type.String()),
});
export type PublisherProfileWire = Static<typeof PublisherProfileSchema>;

export const SettingsSchema = Type.Object({
  tileUrl: NullableString,
  tokenRequired: Type.Boolean(),
  exportFormats: Type.Array(Type.String()),
});
export type Settings = Static<typeof SettingsSchema>;
