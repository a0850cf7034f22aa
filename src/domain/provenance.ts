/** Half-open character offsets `[start, end)` into a document's clean text. */
export type Span = readonly [number, number];

/** Why a field of a mention has the value it has: the rule that set it and the words it read. */
export interface FieldProvenance {
  readonly field: string;
  readonly ruleId: string;
  readonly span: Span;
  readonly text: string;
}
