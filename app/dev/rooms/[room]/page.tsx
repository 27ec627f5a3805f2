import { notFound } from "next/navigation";
import { serverEnv } from "@/lib/env";
import { devRoomNameSchema } from "@/lib/validations/room";
import { DevRoom } from "./dev-room";

export const dynamic = "force-dynamic";
export const metadata = { title: "Test room" };

/** TEMPORARY (issue #2): the open test room behind PARLEY_DEV_ROOMS. */
export default async function DevRoomPage({ params }: { params: Promise<{ room: string }> }) {
  const room = devRoomNameSchema.safeParse((await params).room);
  if (!serverEnv().PARLEY_DEV_ROOMS || !room.success) notFound();
  return <DevRoom room={room.data} />;
}
