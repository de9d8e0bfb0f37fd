/**
 * A refusal a user can act on, from any service outside payment links: stable code, one plain
 * sentence, and the form field it belongs to (the form's own name, so the wrapper needs no mapping).
 */
export class UserFacingError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "UserFacingError";
  }
}
