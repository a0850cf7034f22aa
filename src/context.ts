import type { Config } from './config/load-config.js';
import type { Knowledge } from './extract/knowledge.js';
import { loadKnowledge } from './lexicon/load-knowledge.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';

/**
 * The composition root: the only module that picks a store implementation and loads the knowledge files.
 * Imported gazetteer rows from the store join the packaged gazetteer.
 */
export async function openContext(
  config: Config,
  options: { readonly serving?: boolean } = {},
): Promise<{ store: Store; knowledge: Knowledge }> {
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dbPath: config.dbPath,
    serving: options.serving === true,
  });
  try {
    const extraRows = await store.listGazetteerRows();
    const knowledge = loadKnowledge({ dataDir: config.dataDir, countries: config.countries, extraRows });
    return { store, knowledge };
  } catch (error) {
    await store.close();
    throw error;
  }
}

export function knowledgeFor(config: Config): Knowledge {
  return loadKnowledge({ dataDir: config.dataDir, countries: config.countries, extraRows: [] });
}
