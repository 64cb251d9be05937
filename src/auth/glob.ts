/**
 * IAM's wildcard matching (`*` any run of characters, `?` exactly one), as one iterative loop.
 *
 * Why not a regular expression: policy patterns come from files and Redis that an operator (or an
 * attacker who reaches the policy store) writes, and a `RegExp` built from `*a*a*a*a*b` makes V8's
 * backtracking engine try about n^5 ways to split a long `aaaa…` text (exponential in the number
 * of stars), on every request that evaluates the policy. The loop below is the
 * classic "greedy, remember only the last star" matcher (Russ Cox, "Glob Matching Can Be Simple
 * And Fast Too"): when the literal run after a star fails to match, it retries that run one
 * character further on and never revisits an earlier star. That is enough because matching each
 * star-separated run at its leftmost possible place is always as good as any later place, so an
 * earlier star never needs to give characters back.
 *
 * Cost: the text position a star's run is tried at only moves forward, and each try compares at
 * most L + 1 characters (L = the longest star-free run of the pattern) before it succeeds or fails.
 * So the steps are at most `(|text| + 1) · (L + 1) + 2 · |pattern|`: linear in the text for a given
 * pattern, and never exponential. {@link GlobStats} lets tests count the steps.
 */

/** A step counter the matcher adds to, so tests can assert linear work without timing. */
export interface GlobStats {
  /** Loop iterations so far (one per character comparison or star bookkeeping). */
  steps: number;
}

/**
 * Whether `text` matches `pattern`, where `*` matches any run of characters (including none and
 * including `/` and `:`) and `?` matches exactly one character; every other character matches
 * itself, case-sensitively. Callers that need IAM's case-insensitive action names fold both
 * sides first.
 */
export function globMatch(pattern: string, text: string, stats?: GlobStats): boolean {
  let p = 0;
  let t = 0;
  // Where the last star was seen (pattern index just after it) and the text position its run was tried at.
  let starP = -1;
  let starT = 0;
  let steps = 0;
  while (t < text.length) {
    steps += 1;
    const pc = pattern.charCodeAt(p);
    if (p < pattern.length && pc === STAR) {
      // Let the star match nothing for now; remember where to resume if the run after it fails.
      starP = p + 1;
      starT = t;
      p += 1;
    } else if (p < pattern.length && (pc === QUESTION || pc === text.charCodeAt(t))) {
      p += 1;
      t += 1;
    } else if (starP >= 0) {
      // The run after the last star failed here: let the star swallow one more character and retry the run.
      starT += 1;
      p = starP;
      t = starT;
    } else {
      if (stats) stats.steps += steps;
      return false;
    }
  }
  // The text is used up: only stars may remain in the pattern.
  while (p < pattern.length && pattern.charCodeAt(p) === STAR) {
    steps += 1;
    p += 1;
  }
  if (stats) stats.steps += steps;
  return p === pattern.length;
}

/** Module-private: char codes of the two wildcards. */
const STAR = 42;
const QUESTION = 63;
