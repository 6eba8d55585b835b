/** A translation tree: nested keys ending in strings. */
export interface Messages {
  [key: string]: string | Messages;
}
