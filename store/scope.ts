/** AWS keeps state per account and per region. */
export interface Scope {
  account: string;
  region: string;
}
