// Which names a generated workflow file may have. GitHub runs any `.yml` or `.yaml` file directly
// inside `.github/workflows/` (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax),
// `node-4+.yml` among them, and dot-prefixed ones too: moby's `test.yml` calls its reusable
// `./.github/workflows/.test.yml`. trunkline refuses only what cannot be one file in that folder
// on every system a repository is checked out on.

/** What is wrong with a workflow's file name, in the user's terms, and what to do. */
export interface FileNameProblem {
  message: string;
  hint: string;
}

const HINT = 'use a plain file name such as "ci" (written as ci.yml) or "deploy.yaml"';
const CONTROL = /[\u0000-\u001f\u007f]/;
// Windows refuses these in file names; ":" would even write an NTFS alternate stream.
const WINDOWS_FORBIDDEN = /[<>:"|?*]/;
// Device names Windows reserves whatever the extension (`nul.yml` is the device NUL).
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;

/**
 * Checks the file name a workflow is written to (`ci.yml`), before anything is written. Undefined
 * when it is fine: one path segment ending in `.yml` or `.yaml`, with a name before the extension,
 * no control character, and nothing Windows cannot hold.
 */
export function checkWorkflowFileName(fileName: string): FileNameProblem | undefined {
  const quoted = JSON.stringify(fileName);
  if (!/\.ya?ml$/.test(fileName)) return { message: `the file name ${quoted} does not end in .yml or .yaml, so GitHub would not read it as a workflow`, hint: HINT };
  if (/^\.ya?ml$/.test(fileName)) return { message: `the workflow's file name is empty (it would be written as ${quoted})`, hint: 'name it: workflow("ci", …) writes ci.yml' };
  if (/[\\/]/.test(fileName)) {
    return { message: `the file name ${quoted} contains a path separator; GitHub runs only the files directly inside a .github/workflows folder, never those in a sub-folder`, hint: `${HINT}; to write to another folder, give the target another outDir` };
  }
  const control = CONTROL.exec(fileName);
  if (control) return { message: `the file name ${quoted} contains a control character (U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")})`, hint: HINT };
  const forbidden = WINDOWS_FORBIDDEN.exec(fileName);
  if (forbidden) return { message: `the file name ${quoted} contains "${forbidden[0]}", which Windows does not allow in a file name: the repository could not be checked out there`, hint: HINT };
  const device = WINDOWS_DEVICE.exec(fileName);
  if (device) return { message: `the file name ${quoted} starts with "${device[1]}", a device name on Windows: the repository could not be checked out there`, hint: HINT };
  return undefined;
}
