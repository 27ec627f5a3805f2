import ICAL from "ical.js";

/**
 * Reads an iCalendar text the way a calendar application does, with ical.js (Mozilla's
 * parser), so tests check what calendars will understand rather than matching strings.
 */
export function readCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevent = calendar.getFirstSubcomponent("vevent");
  if (!vevent) throw new Error("no VEVENT in the calendar");
  // The calendar's own VTIMEZONEs turn DTSTART/DTEND (local time + TZID) into instants,
  // without ical.js's global timezone registry (whose state would leak between tests).
  const zones = new Map(
    calendar
      .getAllSubcomponents("vtimezone")
      .map((vtimezone) => [vtimezone.getFirstPropertyValue("tzid") as string, new ICAL.Timezone(vtimezone)]),
  );
  const instant = (name: "dtstart" | "dtend") => {
    const property = vevent.getFirstProperty(name);
    if (!property) throw new Error(`no ${name.toUpperCase()}`);
    const time = (property.getFirstValue() as ICAL.Time).clone();
    const tzid = property.getParameter("tzid") as string | undefined;
    if (tzid) {
      const zone = zones.get(tzid);
      if (!zone) throw new Error(`TZID ${tzid} has no VTIMEZONE in the calendar`);
      time.zone = zone;
    }
    return new Date(time.toUnixTime() * 1000);
  };
  const event = new ICAL.Event(vevent);
  const start = vevent.getFirstProperty("dtstart");
  const attendees = vevent.getAllProperties("attendee").map((p) => String(p.getFirstValue()).replace(/^mailto:/i, ""));
  return {
    method: calendar.getFirstPropertyValue("method") as string | null,
    timeZones: calendar.getAllSubcomponents("vtimezone").map((tz) => tz.getFirstPropertyValue("tzid") as string),
    uid: event.uid,
    sequence: event.sequence,
    summary: event.summary,
    status: vevent.getFirstPropertyValue("status") as string | null,
    url: vevent.getFirstPropertyValue("url") as string | null,
    organizer: String(vevent.getFirstPropertyValue("organizer")).replace(/^mailto:/i, ""),
    startTzid: start?.getParameter("tzid") as string | undefined,
    start: instant("dtstart"),
    end: instant("dtend"),
    attendees,
  };
}
