"use client";

import { useRouter } from "next/navigation";
import { EndMeetingButton } from "@/components/meetings/end-meeting-button";

/** The end button on the meeting page: after ending, the page re-renders as ended. */
export function HostMeetingActions({ meetingId }: { meetingId: string }) {
  const router = useRouter();
  return <EndMeetingButton meetingId={meetingId} onEnded={() => router.refresh()} />;
}
