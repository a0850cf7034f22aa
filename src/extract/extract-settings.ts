/**
 * The tuning constants of extraction, named and documented in one place. They are distances and windows the
 * segmentation and assembly read text through; each was set by reading articles, and the extraction snapshot
 * (test/extract/extraction-snapshot.test.ts) and `npm run eval:dev` show what changing one does.
 */
export const EXTRACT_SETTINGS = Object.freeze({
  /** Paragraphs after an incident's last sentence within which a figure that names no place of its own is still
   * read as that incident's ("Two of the wounded later died."). */
  attachParagraphs: 2,
  /** Body paragraphs that make an article's lead: a news story sums up its incidents in its first two paragraphs
   * and tells them again in full further down (`leadIncident`). */
  leadParagraphs: 2,
  /** Incidents, counted back from the newest, that a rebuttal, a claim of responsibility or a sentence taking up
   * an incident is looked for among. Bounds the look-back so a document of thousands of incidents stays linear. */
  rebuttalWindow: 30,
  /** Paragraphs within which the last named armed group stands for "the group" of a later incident. */
  priorGroupParagraphs: 3,
  /** Paragraphs after an incident within which "the attack" or "the blast" can still take it up. */
  definiteReferenceParagraphs: 6,
  /** Paragraphs after a list of places ("operations in North Waziristan, South Waziristan and Bannu") within
   * which a sentence telling one of them in detail still belongs to the list. */
  listDetailParagraphs: 6,
  /** Mentions on either side of a summary that may detail it (`pruneCovered`): summaries and their details stand
   * near each other, and the bound keeps pruning linear on huge documents. */
  coverWindow: 60,
  /** Characters before an actor read for "by (the)", which makes it the agent ("an operation conducted by the
   * CTD"). Twelve hold "by the" with room for spacing, and no more than that. */
  agentWindow: 12,
  /** Characters before a place read for a journey ("coming from", "on their way to") and after it for
   * "-bound" or "to Quetta": a place on a route is no incident's place. */
  routeBeforeWindow: 24,
  routeAfterWindow: 12,
  /** The longest text between two places of one list ("Kech, Panjgur and Awaran"); longer, they are apart. */
  listGapLength: 80,
  /** Days the dated incidents of one report may span for an incident it never dates to take them (see
   * `dateByTheNewsDays`): a report of one episode names two or three days, a roundup more. */
  newsDaysSpan: 3,
});
