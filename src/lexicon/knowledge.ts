import type { ActorTable } from './actor-table.js';
import type { CasualtyLexicon } from './casualty-lexicon.js';
import type { DateLexicon } from './date-lexicon.js';
import type { EventLexicon } from './event-lexicon.js';
import type { FramingLexicon } from './framing-lexicon.js';
import type { Gazetteer } from './gazetteer.js';

/** Everything extraction knows, loaded once (s./load-knowledge.ts) and passed in. */
export interface Knowledge {
  readonly dates: DateLexicon;
  readonly gazetteer: Gazetteer;
  readonly actors: ActorTable;
  readonly events: EventLexicon;
  readonly framing: FramingLexicon;
  readonly casualties: CasualtyLexicon;
}
