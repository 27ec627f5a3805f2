import type { MediaEffects } from "@/components/meeting/media-effects";

export type { JoinGrant } from "@/lib/meetings/roles";

export interface DeviceChoices {
  audioEnabled: boolean;
  videoEnabled: boolean;
  audioDeviceId: string;
  videoDeviceId: string;
  /** Background and microphone filters chosen before joining (components/meeting/media-effects.ts). */
  effects?: MediaEffects;
}

/** Why the call ended for this person; decides what they see next. */
export type CallEnd = "left" | "ended-by-host" | "removed" | "replaced" | "connection-lost";
