/** Every key and channel the cluster uses, under one prefix. */
export interface ClusterKeys {
  /** The lease: "<fence>:<replica>", with a PX expiry. */
  lease: string;
  /** INCR counter: the fencing token of the newest lease. */
  fence: string;
  /** Hash tile id → tile JSON: the current state. */
  tiles: string;
  /** Hash: rev, writer (replica), fence of the last accepted write. */
  meta: string;
  /** Pub/sub: relay frames from the leader. */
  relay: string;
  /** Pub/sub: writes a follower asks the leader to make (claims), and their answers. */
  commands: string;
  replies: string;
}

export function clusterKeys(prefix: string): ClusterKeys {
  const k = (name: string) => `${prefix}:${name}`;
  return {
    lease: k("lease"),
    fence: k("fence"),
    tiles: k("tiles"),
    meta: k("meta"),
    relay: k("relay"),
    commands: k("commands"),
    replies: k("replies"),
  };
}
