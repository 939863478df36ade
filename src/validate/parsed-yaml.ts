import type { Document, LineCounter } from "yaml";

/** A YAML document and the line counter it was parsed with, shared by every validation layer. */
export interface ParsedYaml {
  document: Document;
  lineCounter: LineCounter;
}

/**
 * The `yaml` options GitHub's workflow reader parses with (source tokens kept, duplicate keys left
 * to its own check); a document parsed with them can be handed to `validateWithParser`.
 */
export const PARSER_YAML_OPTIONS = { keepSourceTokens: true, uniqueKeys: false } as const;
