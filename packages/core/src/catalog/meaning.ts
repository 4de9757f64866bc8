/**
 * One wording Apple has used for a code, with where it was seen and what to do when Apple means that. Recorded
 * where the sources disagree on what a code means (9729), or where a single source is all there is (9649).
 */
export interface CatalogMeaning {
  /** The wording, verbatim. */
  readonly message: string;
  /** Where it was seen: a document URL, or `owner/repo path` of public code. */
  readonly source: string;
  /** What to do when the code means this. */
  readonly remediation: string;
}
