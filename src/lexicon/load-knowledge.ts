import { join } from 'node:path';
import type { Knowledge } from './knowledge.js';
import type { GazetteerRow } from '../store/store.js';
import { loadActorTable } from './actor-table.js';
import { loadCasualtyLexicon } from './casualty-lexicon.js';
import { loadDateLexicon } from './date-lexicon.js';
import { loadEventLexicon } from './event-lexicon.js';
import { loadFramingLexicon } from './framing-lexicon.js';
import { loadGazetteer } from './gazetteer.js';

export interface KnowledgeOptions {
  /** The data/ folder of the package. */
  readonly dataDir: string;
  readonly countries: readonly string[];
  /** Places imported with `faultline gazetteer import`. */
  readonly extraRows: readonly GazetteerRow[];
}

/** Loads every knowledge file once; the result is passed to extraction, never read again from disk. */
export function loadKnowledge(options: KnowledgeOptions): Knowledge {
  return {
    dates: loadDateLexicon(options.dataDir),
    gazetteer: loadGazetteer({
      dataDir: join(options.dataDir, 'gazetteer'),
      countries: options.countries,
      extraRows: options.extraRows,
    }),
    actors: loadActorTable(options.dataDir),
    events: loadEventLexicon(options.dataDir),
    framing: loadFramingLexicon(options.dataDir),
    casualties: loadCasualtyLexicon(options.dataDir),
  };
}
