// Sources in test repositories import "trunkline", which resolves to dist/ and, for the compiler,
// to dist/types/: build both once first.
export default async function setup(): Promise<void> {
  const { build } = (await import("../scripts/build.mjs")) as { build: (options: { declarations: boolean }) => Promise<void> };
  await build({ declarations: true });
}
