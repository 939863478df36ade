// Commit SHAs of popular actions, by release tag: facts read from each action's own repository
// (its refs/tags at the time of the snapshot). Only immutable `vX.Y.Z` tags are listed, newest
// first; moving major tags (`v7`) are left out because the commit they name changes.
// NOTE: add a version by resolving its tag in the action's repository, never by hand-typing a SHA.

/** Every pinned action, by `owner/repo[/path]`, then tag → full commit SHA (newest tag first). */
export const ACTION_PINS = {
  "actions/checkout": {
    "v7.0.1": "3d3c42e5aac5ba805825da76410c181273ba90b1",
    "v7.0.0": "9c091bb21b7c1c1d1991bb908d89e4e9dddfe3e0",
    "v6.1.0": "d23441a48e516b6c34aea4fa41551a30e30af803",
  },
  "actions/setup-node": {
    "v7.0.0": "820762786026740c76f36085b0efc47a31fe5020",
    "v6.5.0": "249970729cb0ef3589644e2896645e5dc5ba9c38",
    "v6.4.0": "48b55a011bda9f5d6aeb4c2d9c7362e8dae4041e",
  },
  "actions/cache": {
    "v5.0.5": "27d5ce7f107fe9357f9df03efb73ab90386fccae",
    "v5.0.4": "668228422ae6a00e4ad889ee87cd7109ec5666a7",
    "v5.0.3": "cdf6c1fa76f9f475f3d7449005a359c84ca0f306",
    "v5.0.2": "8b402f58fbc84540c8b491a91e594a4576fec3d7",
  },
  "actions/upload-artifact": {
    "v7.0.0": "bbbca2ddaa5d8feaa63e36b76fdaad77386f024f",
    "v6.0.0": "b7c566a772e6b6bfb58ed0dc250532a479d7789f",
  },
  "actions/download-artifact": {
    "v8.0.1": "3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c",
    "v8.0.0": "70fc10c6e5e1ce46ad2ea6f2b72d43f7d47b13c3",
    "v7.0.0": "37930b1c2abaa49bbe596cd826c3c89aef350131",
  },
  "actions/setup-python": {
    "v7.0.0": "5fda3b95a4ea91299a34e894583c3862153e4b97",
    "v6.3.0": "ece7cb06caefa5fff74198d8649806c4678c61a1",
    "v6.2.0": "a309ff8b426b58ec0e2a45f0f869d46889d02405",
  },
  "actions/setup-go": {
    "v7.0.0": "b7ad1dad31e06c5925ef5d2fc7ad053ef454303e",
    "v6.5.0": "924ae3a1cded613372ab5595356fb5720e22ba16",
    "v6.4.0": "4a3601121dd01d1626a1e23e37211e3254c1c06c",
  },
  "actions/setup-java": {
    "v5.7.0": "b6effb05e454b25005698d916606bdc6ffcbf961",
    "v5.6.0": "03ad4de0992f5dab5e18fcb136590ce7c4a0ac95",
    "v5.5.0": "0f481fcb613427c0f801b606911222b5b6f3083a",
    "v5.4.0": "1bcf9fb12cf4aa7d266a90ae39939e61372fe520",
  },
  "actions/github-script": {
    "v8.0.0": "ed597411d8f924073f98dfc5c65a23a2325f34cd",
    "v7.1.0": "f28e40c7f34bde8b3046d885e986cb6290c5673b",
    "v7.0.1": "60a0d83039c74a4aee543508d2ffcb1c3799cdea",
  },
  "actions/labeler": {
    "v7.0.0": "bf12e9b00b37c5c0ca2b87b79b2daf7891dbda13",
    "v6.2.0": "b8dd2d9be0f68b860e7dae5dae7d772984eacd6d",
    "v6.1.0": "f27b608878404679385c85cfa523b85ccb86e213",
  },
  "docker/login-action": {
    "v4.1.0": "4907a6ddec9925e35a0a9e82d7399ccc52663121",
    "v4.0.0": "b45d80f862d83dbcd57f89517bcf500b2ab88fb2",
    "v3.7.0": "c94ce9fb468520275223c153574b00df6fe4bcc9",
  },
  "docker/setup-buildx-action": {
    "v4.3.0": "37fe631027851001ddb9b187196cc803df7f5f0e",
    "v4.2.0": "bb05f3f5519dd87d3ba754cc423b652a5edd6d2c",
    "v4.1.0": "d7f5e7f509e45cec5c76c4d5afdd7de93d0b3df5",
    "v4.0.0": "4d04d5d9486b7bd6fa91e7baf45bbb4f8b9deedd",
  },
  "docker/setup-qemu-action": {
    "v4.2.0": "96fe6ef7f33517b61c61be40b68a1882f3264fb8",
    "v4.1.0": "06116385d9baf250c9f4dcb4858b16962ea869c3",
    "v4.0.0": "ce360397dd3f832beb865e1373c09c0e9f86d70a",
  },
  "docker/build-push-action": {
    "v7.3.0": "53b7df96c91f9c12dcc8a07bcb9ccacbed38856a",
    "v7.2.0": "f9f3042f7e2789586610d6e8b85c8f03e5195baf",
    "v7.1.0": "bcafcacb16a39f128d818304e6c9c0c18556b85f",
    "v7.0.0": "d08e5c354a6adb9ed34480a06d141179aa583294",
  },
  "docker/metadata-action": {
    "v6.2.0": "dc802804100637a589fabce1cb79ff13a1411302",
    "v6.1.0": "80c7e94dd9b9319bd5eb7a0e0fe9291e23a2a2e9",
    "v6.0.0": "030e881283bb7a6894de51c315a6bfe6a94e05cf",
  },
  "peter-evans/create-pull-request": {
    "v8.1.1": "5f6978faf089d4d20b00c7766989d076bb2fc7f1",
    "v8.1.0": "c0f553fe549906ede9cf27b5156039d195d2ece0",
    "v8.0.0": "98357b18bf14b5342f975ff684046ec3b2a07725",
  },
  "dorny/paths-filter": {
    "v4.0.2": "7b450fff21473bca461d4b92ce414b9d0420d706",
    "v4.0.1": "fbd0ab8f3e69293af611ebaee6363fc25e6d187d",
    "v4.0.0": "9d7afb8d214ad99e78fbd4247752c4caed2b6e4c",
  },
  "softprops/action-gh-release": {
    "v3.0.0": "b4309332981a82ec1c5618f44dd2e27cc8bfbfda",
    "v2.6.2": "3bb12739c298aeb8a4eeaf626c5b8d85266b0e65",
    "v2.6.1": "153bb8e04406b158c6c84fc1615b65b24149a1fe",
  },
  "aws-actions/configure-aws-credentials": {
    "v6.2.3": "e6de054238d6b7531b4efff3b6587d9aade6a06c",
    "v6.2.2": "517a711dbcd0e402f90c77e7e2f81e849156e31d",
    "v6.2.1": "254c19bd240aabef8777f48595e9d2d7b972184b",
    "v6.2.0": "e7f100cf4c008499ea8adda475de1042d6975c7b",
  },
  "google-github-actions/auth": {
    "v3.0.0": "7c6bc770dae815cd3e89ee6cdf493a5fab2cc093",
    "v2.1.13": "c200f3691d83b41bf9bbd8638997a462592937ed",
    "v2.1.12": "b7593ed2efd1c1617e1b0254da33b86225adb2a5",
  },
  "azure/login": {
    "v3.0.1": "f5d393ae46f8fde4be8b75f32e3fc50e654ad0ca",
    "v3.0.0": "532459ea530d8321f2fb9bb10d1e0bcf23869a43",
    "v2.3.1": "7184910d9eb2b1c5e48f7073824a90609bb9b6d6",
  },
  "codecov/codecov-action": {
    "v5.5.2": "671740ac38dd9b0130fbe1cec585b89eea48d3de",
    "v5.5.1": "5a1091511ad55cbe89839c7260b706298ca349f7",
    "v5.5.0": "fdcc8476540edceab3de004e990f80d881c6cc00",
    "v5.4.3": "18283e04ce6e62d37312384ff67231eb8fd56d24",
  },
  "github/codeql-action/init": {
    "v4.36.2": "8aad20d150bbac5944a9f9d289da16a4b0d87c1e",
    "v4.36.1": "87557b9c84dde89fdd9b10e88954ac2f4248e463",
    "v4.36.0": "7211b7c8077ea37d8641b6271f6a365a22a5fbfa",
    "v4.35.5": "9e0d7b8d25671d64c341c19c0152d693099fb5ba",
  },
  "github/codeql-action/analyze": {
    "v4.36.2": "8aad20d150bbac5944a9f9d289da16a4b0d87c1e",
    "v4.36.1": "87557b9c84dde89fdd9b10e88954ac2f4248e463",
    "v4.36.0": "7211b7c8077ea37d8641b6271f6a365a22a5fbfa",
    "v4.35.5": "9e0d7b8d25671d64c341c19c0152d693099fb5ba",
  },
  "github/codeql-action/upload-sarif": {
    "v4.36.2": "8aad20d150bbac5944a9f9d289da16a4b0d87c1e",
    "v4.36.1": "87557b9c84dde89fdd9b10e88954ac2f4248e463",
    "v4.36.0": "7211b7c8077ea37d8641b6271f6a365a22a5fbfa",
    "v4.35.5": "9e0d7b8d25671d64c341c19c0152d693099fb5ba",
  },
  "re-actors/alls-green": {
    "v1.2.2": "05ac9388f0aebcb5727afa17fcccfecd6f8ec5fe",
    "v1.2.1": "13b4244b312e8a314951e03958a2f91519a6a3c9",
    "v1.2.0": "198badcb65a1a44528f27d5da555c4be9f12eac6",
    "v1.1.0": "3a2de129f0713010a71314c74e33c0e3ef90e696",
    "v1.0.2": "bbc6a81c2162769a81d5d422dd4a51cebdf7ff08",
  },
  "pnpm/action-setup": {
    "v4.0.0": "fe02b34f77f8bc703788d5817da081398fad5dd2",
    "v3.0.0": "a3252b78c470c02df07e9d59298aecedc3ccdd6d",
    "v2.4.1": "eae0cfeb286e66ffb5155f1a79b90583a127a68b",
    "v2.4.0": "d882d12c64e032187b2edb46d3a0d003b7a43598",
    "v2.3.0": "0b715c7ebbf3cf2174d1386336c5f6d3d8d5504a",
  },
} as const satisfies Record<string, Record<string, string>>;

/** An action trunkline knows a pin for, e.g. `"actions/checkout"`. */
export type PinnedActionName = keyof typeof ACTION_PINS;

/** A release tag of `Name` that has a known commit, e.g. `"v7.0.1"` for `actions/checkout`. */
export type PinnedActionTag<Name extends PinnedActionName> = keyof (typeof ACTION_PINS)[Name] & string;

/** A `uses:` value pinned to a full commit: `owner/repo@<40-hex sha>`. */
export type PinnedUses = `${string}@${string}`;

/**
 * The `uses:` value for an action pinned to the commit of a release tag — the newest known tag when
 * none is given. A tag can be moved to other code after review; a commit cannot, so pin by SHA.
 * @see https://docs.github.com/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions
 * @example
 * step({ uses: pinnedAction("actions/checkout") }) // actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1
 */
export function pinnedAction<Name extends PinnedActionName>(name: Name, tag?: PinnedActionTag<Name>): PinnedUses {
  const versions: Readonly<Record<string, string>> = ACTION_PINS[name];
  const chosen = tag ?? newestTag(name);
  const sha = versions[chosen];
  if (sha === undefined) throw new Error(`no pinned commit for ${name}@${chosen}; known tags: ${Object.keys(versions).join(", ")}`);
  return `${name}@${sha}`;
}

/** The newest tag with a known commit for an action (the table lists tags newest first). */
export function newestTag<Name extends PinnedActionName>(name: Name): PinnedActionTag<Name> {
  return Object.keys(ACTION_PINS[name])[0] as PinnedActionTag<Name>;
}

/** The release tag a pinned `uses:` value stands for, e.g. for a comment or a review; undefined when unknown. */
export function tagOfPin(uses: string): string | undefined {
  const at = uses.lastIndexOf("@");
  if (at < 0) return undefined;
  const versions = (ACTION_PINS as Record<string, Record<string, string>>)[uses.slice(0, at)];
  const sha = uses.slice(at + 1);
  return versions ? Object.keys(versions).find((tag) => versions[tag] === sha) : undefined;
}
