import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False in the server-rendered HTML, true once React has hydrated. Submit buttons of forms
 * the server renders stay disabled until then: a click before hydration would do nothing,
 * or submit the form natively (a GET that reloads the page with the fields in its URL, a
 * password included on the sign-in and sign-up pages), and the person's input would be lost.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
