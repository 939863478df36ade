// The commands gen, check and lint never need, behind one dynamic import. One split point keeps
// esbuild's chunks few: every lazily imported module is a chunk boundary, and each extra chunk
// is one more file every `npm run gen` loads at start-up.
export { actionsAdd, actionsOutdated, actionsUpdate } from "./actions.js";
export { cost } from "./cost.js";
export { graph } from "./graph.js";
export { importCommand } from "./import.js";
export { init } from "./init.js";
export { rulesetsPlan } from "./rulesets.js";
export { server } from "./server.js";
export { watch } from "../../watch/index.js";
