// Plain scalars that a YAML 1.1 or 1.2 reader would read as something other than a string.
// GitHub reads YAML 1.2, but other tools in a pipeline (linters, yq, older libraries) read 1.1,
// so a string must survive both: `on`, `yes`, `0123`, `3.10`, `1_000`, `12:30` are all quoted.
const RETYPED_PLAIN = [
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:null|Null|NULL|~|)$/,
  /^[-+]?[0-9][0-9_]*$/, // ints, with 1.1's underscores and octal (the yaml package reads 08_1 as 81)
  /^0o[0-7]+$/, // 1.2 octal
  /^[-+]?0x[0-9a-fA-F_]+$/,
  /^[-+]?0b[01_]+$/,
  /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?$/, // floats: 3.10, .5, 1.
  /^[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/, // 1e3
  /^[-+]?[eE][-+]?[0-9]+$/, // e5: the yaml package's 1.1 float pattern needs no mantissa
  /^[-+]?\.(?:inf|Inf|INF)$/,
  /^\.(?:nan|NaN|NAN)$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/, // 1.1 sexagesimal: 12:30
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$/, // timestamps
  /^(?:<<|=)$/, // merge and value keys
];

// Every pattern above starts with one of these characters (or matches the empty string): most text,
// `ubuntu-latest` or `${{ … }}`, is told apart by its first character, not by fifteen patterns.
const RETYPED_FIRST = "yYnNtTfFoO~+-.0123456789eE<=";

/** Whether `text`, written as a plain scalar, would be read back by YAML 1.1 or 1.2 as a non-string. */
export function isRetypedAsPlain(text: string): boolean {
  if (text !== "" && !RETYPED_FIRST.includes(text[0]!)) return false;
  return RETYPED_PLAIN.some((pattern) => pattern.test(text));
}
