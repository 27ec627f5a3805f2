export type { JoinGrant } from "@/lib/meetings/roles";

export interface DeviceChoices {
  audioEnabled: boolean;
  videoEnabled: boolean;
  audioDeviceId: string;
  videoDeviceId: string;
}

/** Why the call ended for this person; decides what they see next. */
export type CallEnd = "left" | "ended-by-host" | "removed" | "replaced" | "connection-lost";
