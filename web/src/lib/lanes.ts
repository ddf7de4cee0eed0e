/** Words for an environments tile's lanes: a deploy status is never told by colour alone. */
import type { DeployStatus } from "../../../collector/contract.ts";

export const DEPLOY_WORD: Record<DeployStatus, string> = {
  succeeded: "deployed",
  failed: "failed",
  in_progress: "deploying",
  rolled_back: "rolled back",
  unknown: "unknown",
};
