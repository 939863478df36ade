import { describe, expect, it } from "vitest";
import { locateExport } from "../../src/load/locate-export.js";

const source = `import { workflow } from "trunkline";

export const helper = () => 1;
export function build() {}
const hidden = 2;
export { hidden as shown };
export default workflow("ci", { on: "push", jobs: {} });
`;

describe("locateExport", () => {
  it.each([
    ["helper", 3, 1],
    ["build", 4, 1],
    ["shown", 6, 1],
    ["default", 7, 1],
  ])("finds %s at line %i", (name, line, column) => {
    expect(locateExport(source, name)).toEqual({ line, column });
  });

  it("gives up on an export it cannot see", () => {
    expect(locateExport(source, "elsewhere")).toBeUndefined();
  });
});
