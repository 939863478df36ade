import type { TargetConfig } from "../config/define-config.js";
import type { Io } from "../io/io.js";
import { MANIFEST_FILE, parseManifest } from "./manifest.js";
import type { DiskState, SyncPlan } from "./plan-sync.js";

const YAML_EXTENSIONS = [".yml", ".yaml"];

/**
 * Reads what trunkline may own on disk: every YAML file in the targets' folders (to find outputs,
 * hand-written neighbours and orphans), every file the old manifest lists, and every path about to
 * be generated (a document outside those folders may already exist, written by hand).
 */
export async function readDisk(io: Io, targets: readonly TargetConfig[], outputPaths: readonly string[] = []): Promise<DiskState> {
  const manifestText = await io.readText(MANIFEST_FILE);
  const manifest = parseManifest(manifestText);
  const listed = await Promise.all(targets.map((target) => io.listFiles(target.outDir, YAML_EXTENSIONS)));
  const paths = new Set([...listed.flat(), ...Object.keys(manifest.files), ...outputPaths]);
  const files = new Map<string, string>();
  await Promise.all(
    [...paths].map(async (path) => {
      const text = await io.readText(path);
      if (text !== undefined) files.set(path, text);
    }),
  );
  return { files, manifest, manifestText };
}

/** Carries out a plan: atomic writes, then deletes. Callers apply a plan only when it has no blockers. */
export async function applyPlan(io: Io, plan: SyncPlan): Promise<void> {
  await Promise.all(plan.writes.map((write) => io.writeAtomic(write.path, write.text)));
  await Promise.all(plan.deletes.map((path) => io.remove(path)));
}
