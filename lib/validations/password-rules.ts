// Kept apart from the zod schemas so the sign-up form can show the rule without shipping
// zod to the browser (the route validates; page weight budget, docs/decisions/011).
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
