import manifest from "../../package.json" with { type: "json" };

/** The version of the trunkline package this CLI was built from. */
export const VERSION: string = manifest.version;
