// Sources in test repositories import "trunkline", which resolves to dist/: build it once first.
export default async function setup(): Promise<void> {
  const { build } = (await import("../scripts/build.mjs")) as { build: () => Promise<void> };
  await build();
}
