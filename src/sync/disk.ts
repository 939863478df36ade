import type { TargetConfig } from "../config/define-config.js";
import type { Io } from "../io/io.js";
import { YAML_EXTENSIONS } from "../io/workflow-files.js";
import { MANIFEST_FILE, parseManifest } from "./manifest.js";
import type { DiskState, SyncPlan } from "./plan-sync.js";


/**
 * Reads what trunkline may own on disk: every YAML file in the targets' folders (to find outputs,
 * hand-written neighbours and orphans), every file the old manifest lists, every path about to
 * be generated (a document outside those folders may already exist, written by hand), and the
 * temporary files an interrupted run left in `.trunkline/tmp/` or beside the files it wrote.
 */
export async function readDisk(io: Io, targets: readonly TargetConfig[], outputPaths: readonly string[] = []): Promise<DiskState> {
  const manifestText = await io.readText(MANIFEST_FILE);
  const manifest = parseManifest(manifestText);
  const listed = await Promise.all(targets.map((target) => io.listFiles(target.outDir, YAML_EXTENSIONS)));
  const paths = new Set([...listed.flat(), ...Object.keys(manifest.files), ...outputPaths]);
  const files = new Map<string, string>();
  const folders = [...targets.map((target) => target.outDir), ...[...paths, MANIFEST_FILE].map(folderOf)];
  const [leftovers] = await Promise.all([
    io.listLeftovers(folders),
    ...[...paths].map(async (path) => {
      const text = await io.readText(path);
      if (text !== undefined) files.set(path, text);
    }),
  ]);
  return { files, manifest, manifestText, leftovers };
}

/**
 * Carries out a plan. Callers apply a plan only when it has no blockers. Deletes go first: an
 * orphan whose name differs from a new output's only in letter case is that very file on a
 * case-insensitive file system. Each write is atomic, the set is not: the manifest is written
 * last, so a run interrupted before it is seen by `check` and finished by the next `gen`.
 */
export async function applyPlan(io: Io, plan: SyncPlan): Promise<void> {
  await Promise.all(plan.deletes.map((path) => io.remove(path)));
  await Promise.all(plan.writes.filter((write) => write.path !== MANIFEST_FILE).map((write) => io.writeAtomic(write.path, write.text)));
  for (const write of plan.writes.filter((write) => write.path === MANIFEST_FILE)) await io.writeAtomic(write.path, write.text);
  await Promise.all(plan.leftovers.map((path) => io.remove(path)));
}

function folderOf(path: string): string {
  return path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
}
