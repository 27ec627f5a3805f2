"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { LocalTime, relativeToNow, useNow } from "@/components/ui/local-time";
import type { CallEnd } from "@/components/meeting/types";
import { useJoinFlow } from "@/components/meeting/use-join-flow";
import { Waiting } from "@/components/meeting/waiting";

// The LiveKit client is only loaded once someone is about to join (page weight budget).
const PreJoinPanel = dynamic(() => import("@/components/meeting/pre-join-panel"), {
  ssr: false,
  loading: () => <Waiting text="Preparing camera and microphone…" />,
});
const loadMeetingRoom = () => import("@/components/meeting/meeting-room");
type MeetingRoomComponent = Awaited<ReturnType<typeof loadMeetingRoom>>["default"];
let LoadedMeetingRoom: MeetingRoomComponent | null = null;

/**
 * The call's code, fetched while the person checks camera and name, and rendered without a
 * Suspense boundary: a lazy component (next/dynamic) suspends on its first render even when
 * its code is already loaded, and React then holds the revealed call back for its fallback
 * throttle (300 ms), which the join benchmark measured as idle time between the token
 * response and the LiveKit connection (docs/decisions/027-join-time.md).
 */
function useMeetingRoomLoaded(): boolean {
  const [loaded, setLoaded] = useState(LoadedMeetingRoom !== null);
  useEffect(() => {
    let mounted = true;
    void loadMeetingRoom().then((module) => {
      LoadedMeetingRoom = module.default;
      if (mounted) setLoaded(true);
    });
    return () => {
      mounted = false;
    };
  }, []);
  return loaded;
}

interface JoinFlowProps {
  meetingId: string;
  title: string;
  subtitle: string;
  /** POST endpoint that answers with a JoinGrant. */
  joinEndpoint: string;
  defaultName: string;
  nameRequired: boolean;
  isHost: boolean;
  /** Viewers join watch-only: no camera or microphone on the pre-join screen. */
  watchOnly?: boolean;
  /** Decides the next step offered after the call (your meetings, or the home page). */
  signedIn: boolean;
  /** A scheduled meeting's start (ISO): the pre-join screen says how soon, and that joining early is fine. */
  startsAt?: string;
  description?: string;
  /** The .ics download for this invite, when the meeting is scheduled. */
  calendarUrl?: string;
}

/** Pre-join → token request → call → what happened after the call (use-join-flow.ts). */
export function JoinFlow(props: JoinFlowProps) {
  const router = useRouter();
  const { step, join, rejoin, callEnded } = useJoinFlow(props.joinEndpoint);

  // While the person checks camera and name, fetch the call's code, so clicking Join costs
  // only the token request and the connection.
  const meetingRoomLoaded = useMeetingRoomLoaded();

  const { isHost, meetingId } = props;
  const onEnd = useCallback(
    (why: CallEnd) => {
      // The host goes back to the meeting page, which shows the meeting as ended.
      if (why === "ended-by-host" && isHost) router.push(`/meetings/${meetingId}`);
      callEnded(why);
    },
    [isHost, meetingId, router, callEnded],
  );

  if (step.kind === "in-call") {
    if (!meetingRoomLoaded || !LoadedMeetingRoom) return <Waiting text="Connecting…" />;
    return <LoadedMeetingRoom grant={step.grant} devices={step.devices} title={props.title} onEnd={onEnd} />;
  }
  if (step.kind === "reconnecting") {
    return <CenteredMessage title="Reconnecting…" detail="The connection to the meeting dropped. Getting you back in." live />;
  }
  if (step.kind === "waiting") {
    return (
      <CenteredMessage
        title="Waiting for the host to let you in"
        detail={`You asked to join “${props.title}”. This page updates by itself.`}
        live
      />
    );
  }
  if (step.kind === "denied") {
    return (
      <CenteredMessage title="You were not admitted" detail="The host did not let you in to this meeting.">
        <NextStep signedIn={props.signedIn} />
      </CenteredMessage>
    );
  }
  if (step.kind === "after-call") {
    return <AfterCall why={step.why} isHost={props.isHost} signedIn={props.signedIn} meetingId={props.meetingId} onRejoin={rejoin} />;
  }
  return (
    <main className="mx-auto flex min-h-dvh max-w-3xl flex-col gap-6 px-4 py-8 sm:px-6">
      <header>
        <h1 className="text-2xl font-semibold">{props.title}</h1>
        <p className="text-slate-600 dark:text-slate-300">{props.subtitle}</p>
        {props.startsAt && <StartsAt iso={props.startsAt} calendarUrl={props.calendarUrl} />}
        {props.description && <p className="mt-2 max-w-prose whitespace-pre-line text-sm">{props.description}</p>}
      </header>
      {step.kind === "pre-join" && step.error && (
        <p
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 p-3 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {step.error}
        </p>
      )}
      {step.kind === "joining" ? (
        <Waiting text="Joining…" />
      ) : (
        <PreJoinPanel
          defaultName={props.defaultName}
          nameRequired={props.nameRequired}
          watchOnly={props.watchOnly ?? false}
          onJoin={join}
        />
      )}
    </main>
  );
}

const afterCallText: Record<CallEnd, { title: string; detail: string }> = {
  left: { title: "You left the meeting", detail: "You can rejoin while the meeting is running." },
  "ended-by-host": { title: "The host ended the meeting", detail: "Thanks for joining." },
  removed: { title: "You were removed from the meeting", detail: "The host removed you from this call." },
  replaced: { title: "You joined from another tab or device", detail: "This window was disconnected." },
  "connection-lost": { title: "The connection was lost", detail: "Check your network, then rejoin." },
};

/** "Starts in 10 minutes (Dec 1, 2026, 9:30 AM CET). You can join early." Computed in the browser, in its own zone. */
function StartsAt({ iso, calendarUrl }: { iso: string; calendarUrl?: string }) {
  const now = useNow();
  const start = new Date(iso);
  const upcoming = now !== null && start > now;
  return (
    <p className="mt-2 text-sm">
      {now === null ? "Scheduled for " : upcoming ? `Starts ${relativeToNow(start, now)} (` : "Scheduled for "}
      <LocalTime iso={iso} />
      {upcoming ? "). You can join early." : "."}
      {calendarUrl && (
        <>
          {" "}
          <a href={calendarUrl} download className="text-brand-700 underline dark:text-brand-50">
            Add to calendar
          </a>
        </>
      )}
    </p>
  );
}

/** Where to go when a path ends: your meetings when signed in, otherwise the home page or a new account. */
function NextStep({ signedIn }: { signedIn: boolean }) {
  return signedIn ? (
    <Link href="/meetings" className={buttonClass("secondary")}>
      Go to your meetings
    </Link>
  ) : (
    <>
      <Link href="/" className={buttonClass("secondary")}>
        Go to the home page
      </Link>
      <Link href="/sign-up" className={buttonClass("secondary")}>
        Create an account to host meetings
      </Link>
    </>
  );
}

function AfterCall({
  why,
  isHost,
  signedIn,
  meetingId,
  onRejoin,
}: {
  why: CallEnd;
  isHost: boolean;
  signedIn: boolean;
  meetingId: string;
  onRejoin?: () => void;
}) {
  const text = afterCallText[why];
  const canRejoin = onRejoin && (why === "left" || why === "connection-lost" || why === "replaced");
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 px-6 text-center">
      <h1 className="text-2xl font-semibold">{text.title}</h1>
      <p className="text-slate-600 dark:text-slate-300">{text.detail}</p>
      <div className="flex flex-wrap justify-center gap-3">
        {canRejoin && (
          <button type="button" onClick={onRejoin} className={buttonClass("primary")}>
            Rejoin
          </button>
        )}
        {isHost ? (
          <Link href={`/meetings/${meetingId}`} className={buttonClass("secondary")}>
            Back to the meeting page
          </Link>
        ) : (
          <NextStep signedIn={signedIn} />
        )}
      </div>
    </main>
  );
}

function CenteredMessage({
  title,
  detail,
  live = false,
  children,
}: {
  title: string;
  detail: string;
  live?: boolean;
  children?: React.ReactNode;
}) {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 px-6 text-center">
      <div role={live ? "status" : undefined} className="flex flex-col gap-3">
        <h1 className="text-2xl font-semibold">{title}</h1>
        <p className="text-slate-600 dark:text-slate-300">{detail}</p>
      </div>
      {children && <div className="flex flex-wrap justify-center gap-3">{children}</div>}
    </main>
  );
}
