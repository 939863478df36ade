import type { Io } from "../io/io.js";

/** Every `*.json` file under `folder`, at any depth, sorted, as paths `io` reads. */
export async function jsonFilesUnder(io: Io, folder: string): Promise<string[]> {
  const found = await io.listFiles(folder, [".json"]);
  for (const sub of await io.listFolders(folder)) found.push(...(await jsonFilesUnder(io, `${folder}/${sub}`)));
  return found.sort();
}
